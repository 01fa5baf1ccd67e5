package org.kapcare.chart;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.kapcare.forms.FormValues;

/**
 * What one process instance (the journey, or one dose) holds: each variable's latest value, and
 * every value it ever had with the time it was written, for the chart's "over time" parts.
 */
record JourneyRecord(String id, Map<String, Object> values, List<HistoricVariableUpdate> updates) {

  Object get(String name) {
    return values.get(name);
  }

  String text(String name) {
    Object value = values.get(name);
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  Integer integer(String name) {
    return values.get(name) instanceof Number n ? Integer.valueOf(n.intValue()) : null;
  }

  Double number(String name) {
    return values.get(name) instanceof Number n ? Double.valueOf(n.doubleValue()) : null;
  }

  Boolean flag(String name) {
    Object value = values.get(name);
    return value == null ? null : FormValues.flag(values, name);
  }

  /** A date-time value as an ISO instant, whether it was kept as a date or as the form's text. */
  String time(String name) {
    Object value = values.get(name);
    return value == null ? null : iso(FormValues.instant(name, value));
  }

  /** Every value {@code name} was given, oldest first. */
  List<HistoricVariableUpdate> updatesOf(String name) {
    return updates.stream().filter(update -> update.getVariableName().equals(name)).toList();
  }

  /** The last value a step (its activity instance) wrote into {@code name}. */
  Optional<Object> writtenBy(String activityInstanceId, String name) {
    return updatesOf(name).stream()
        .filter(update -> activityInstanceId.equals(update.getActivityInstanceId()))
        .reduce((earlier, later) -> later)
        .map(HistoricVariableUpdate::getValue);
  }

  static String iso(Date date) {
    return date == null ? null : iso(date.toInstant());
  }

  static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
