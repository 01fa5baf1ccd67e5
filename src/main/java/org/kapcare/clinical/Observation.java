package org.kapcare.clinical;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.EngineClock;
import org.kapcare.forms.FormValues;
import org.kapcare.forms.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * The observation of a dose, from its start ({@code administerDose}) through the vitals readings
 * ({@code recordVitals}) to the discharge check ({@link DischargeRecorder}). Keeps a
 * {@link VitalsTimeline} in process variables, with what the REMS Patient Monitoring Form asks of
 * the whole observation: the lowest SpO2 and whether sedation, dissociation or respiratory
 * depression was seen.
 */
@Component("observation")
public class Observation {

  public static final List<String> WRITES = List.of("lastVitalsAt", "vitalsReadings", "longestVitalsGapSeconds",
      "peakBpMinute", "systolicBp40", "diastolicBp40", "lowestSpo2", "sedationObserved", "dissociationObserved",
      "respiratoryDepressionObserved", "readyForDischargeCheck", "minutesMonitored", "doseStartedText");

  /** Leeway for a browser clock a little ahead of the server's. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  /** A dose is recorded as it starts; a start further back than this is a typing slip, and would count as hours observed. */
  static final Duration RECORDED_WITHIN = Duration.ofHours(12);

  private static final List<String> SIGNS = List.of("sedation", "dissociation", "respiratoryDepression");

  private final ClinicalProperties clinic;
  private final ClinicProperties clinicDay;

  public Observation(ClinicalProperties clinic, ClinicProperties clinicDay) {
    this.clinic = clinic;
    this.clinicDay = clinicDay;
  }

  /** {@code administerDose} completed: the observation starts when the dose did, from the pre-dose SpO2. */
  public void started(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    if (FormValues.flag(values, task.getTaskDefinitionKey() + "AskPrescriber")) {
      // Asked before giving it: the step comes back with the answer, and the start is recorded then.
      return;
    }
    Instant start = FormValues.instant(values, "doseStartedAt");
    Instant now = EngineClock.now();
    if (start.isAfter(now.plus(CLOCK_SKEW))) {
      throw new InvalidInputException("doseStartedAt", "The dose cannot start in the future; record it as you start it");
    }
    if (start.isBefore(now.minus(RECORDED_WITHIN))) {
      throw new InvalidInputException("doseStartedAt", "This start is more than 12 hours ago; record the dose as you start it");
    }
    write(task, VitalsTimeline.startedAt(start));
    task.setVariable("doseStartedText", clinicDay.readable(start));
    task.setVariable("lowestSpo2", (int) FormValues.number(values, "spo2"));
    SIGNS.forEach(sign -> task.setVariable(sign + "Observed", false));
  }

  /** {@code recordVitals} completed: one reading, in order, taken into the timeline. */
  public void reading(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    VitalsTimeline timeline = timeline(task);
    Instant at = FormValues.instant(values, "vitalsAt");
    if (at.isAfter(EngineClock.now().plus(CLOCK_SKEW))) {
      throw new InvalidInputException("vitalsAt", "The reading cannot be in the future; record it when you take it");
    }
    if (at.isBefore(timeline.lastAt())) {
      throw new InvalidInputException("vitalsAt", timeline.readings() == 0
          ? "The reading cannot be before the dose started" : "The reading cannot be before the one recorded last");
    }
    if (timeline.takesPeak(at)) {
      task.setVariable("systolicBp40", FormValues.number(values, "vitalsSystolicBp"));
      task.setVariable("diastolicBp40", FormValues.number(values, "vitalsDiastolicBp"));
    }
    write(task, timeline.withReadingAt(at));
    int spo2 = (int) FormValues.number(values, "vitalsSpo2");
    if (spo2 < ((Number) values.get("lowestSpo2")).intValue()) {
      task.setVariable("lowestSpo2", spo2);
    }
    for (String sign : SIGNS) {
      if (FormValues.flag(values, sign + "Present")) {
        task.setVariable(sign + "Observed", true);
      }
    }
    task.setVariable("readyForDischargeCheck", FormValues.flag(values, "readyForDischargeCheck"));
  }

  /** The due date of the next reading task. */
  public Date nextReadingDue(DelegateExecution execution) {
    if (!execution.hasVariable("lastVitalsAt")) {
      return null;
    }
    String route = (String) execution.getVariable("route");
    return Date.from(timeline(execution).nextDue(clinic.vitalsEvery(route), clinic.minimumMonitoringMinutes(route)));
  }

  /**
   * A discharge at {@code dischargedAt}: refused outright before the last reading, otherwise the
   * minutes observed are kept and what stands against it is returned, for a prescriber to weigh.
   */
  List<VitalsTimeline.Shortfall> againstDischarge(DelegateTask task, Instant dischargedAt) {
    VitalsTimeline timeline = timeline(task);
    if (dischargedAt.isBefore(timeline.lastAt())) {
      throw new InvalidInputException("dischargedAt", "The discharge time cannot be before the last vitals reading");
    }
    task.setVariable("minutesMonitored", timeline.minutesAfterStart(dischargedAt));
    String route = FormValues.text(task.getVariables(), "route");
    return timeline.againstDischargeAt(dischargedAt, route, clinic.vitalsEvery(route), clinic.minimumMonitoringMinutes(route));
  }

  private static VitalsTimeline timeline(VariableScope scope) {
    if (scope.getVariable("doseStartedAt") == null || scope.getVariable("lastVitalsAt") == null) {
      // Only a journey moved past its dose by an administrator gets here.
      throw new InvalidInputException("doseStartedAt", "This dose has no recorded start; the dose must be recorded before its observation");
    }
    Object peak = scope.getVariable("peakBpMinute");
    return new VitalsTimeline(FormValues.instant("doseStartedAt", scope.getVariable("doseStartedAt")),
        FormValues.instant("lastVitalsAt", scope.getVariable("lastVitalsAt")),
        ((Number) scope.getVariable("vitalsReadings")).intValue(),
        Duration.ofSeconds(((Number) scope.getVariable("longestVitalsGapSeconds")).longValue()),
        peak == null ? null : ((Number) peak).intValue());
  }

  private static void write(VariableScope scope, VitalsTimeline timeline) {
    scope.setVariable("lastVitalsAt", timeline.lastAt().toString());
    scope.setVariable("vitalsReadings", timeline.readings());
    scope.setVariable("longestVitalsGapSeconds", timeline.longestGap().toSeconds());
    scope.setVariable("peakBpMinute", timeline.peakMinute());
  }
}
