package org.kapcare.insight;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A journey's first dose given in the range: when, and how many days after its referral. */
record FirstDose(Instant at, double days) {

  static Kpis.FirstDoseWait waitOf(List<FirstDose> doses) {
    return new Kpis.FirstDoseWait(doses.size(), median(doses.stream().map(FirstDose::days).toList()));
  }

  /** Every month the range touches, in the clinic's zone, with the median of the first doses given in it. */
  static List<Kpis.MonthFirstDose> byMonth(List<FirstDose> doses, InsightRange range) {
    Map<YearMonth, List<Double>> months = new TreeMap<>();
    for (YearMonth month = YearMonth.from(range.from()); !month.isAfter(YearMonth.from(range.to())); month = month.plusMonths(1)) {
      months.put(month, new ArrayList<>());
    }
    doses.forEach(dose -> months.get(YearMonth.from(dose.at().atZone(range.zone()))).add(dose.days()));
    List<Kpis.MonthFirstDose> rows = new ArrayList<>();
    months.forEach((month, days) -> rows.add(new Kpis.MonthFirstDose(month.toString(), days.size(), median(days))));
    return rows;
  }

  /** The median as SQL's PERCENTILE_CONT(0.5) gives it: the mean of the two middle values of an even count. */
  static Double median(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
