package org.kapcare.insight;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One value a follow-up assessment scored ({@code response} or {@code remission}), with the start
 * of its journey, whose month is the patient's cohort.
 */
record FollowUp(Instant journeyStarted, String name, boolean yes) {

  static Kpis.FollowUpOutcomes outcomesOf(List<FollowUp> values) {
    long assessed = count(values, "response", false);
    long responders = count(values, "response", true);
    long remitters = count(values, "remission", true);
    return new Kpis.FollowUpOutcomes(assessed, responders, remitters, Kpis.share(responders, assessed),
        Kpis.share(remitters, assessed));
  }

  /** The outcomes per month in which the patients' journeys began (clinic time), oldest first. */
  static List<Kpis.CohortOutcomes> byCohort(List<FollowUp> values, ZoneId zone) {
    Map<YearMonth, List<FollowUp>> cohorts = new TreeMap<>();
    values.forEach(value -> cohorts.computeIfAbsent(YearMonth.from(value.journeyStarted().atZone(zone)),
        month -> new ArrayList<>()).add(value));
    List<Kpis.CohortOutcomes> rows = new ArrayList<>();
    cohorts.forEach((month, cohort) -> {
      Kpis.FollowUpOutcomes outcomes = outcomesOf(cohort);
      rows.add(new Kpis.CohortOutcomes(month.toString(), outcomes.assessed(), outcomes.responders(), outcomes.remitters(),
          outcomes.responseRate(), outcomes.remissionRate()));
    });
    return rows;
  }

  /** How many values of {@code name} there are, or only those that are yes. */
  private static long count(List<FollowUp> values, String name, boolean onlyYes) {
    return values.stream().filter(value -> value.name().equals(name) && (!onlyYes || value.yes())).count();
  }
}
