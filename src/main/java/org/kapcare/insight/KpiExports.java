package org.kapcare.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.kapcare.forms.InvalidInputException;

/**
 * Each KPI table of Cockpit's KAP Care KPIs as a CSV file, with the columns the manager sees and
 * times in the clinic's zone and shares as percentages. The file name carries the table and the days
 * it covers.
 */
final class KpiExports {

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** The tables by the name in their URL, in the order Cockpit shows them. */
  private static final Map<String, Function<Kpis.Report, CsvTable>> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("integration-weeks", KpiExports::integrationWeeks);
    TABLES.put("missed-windows", KpiExports::missedWindows);
    TABLES.put("referral-to-first-dose", report -> new CsvTable(List.of("Patients dosed", "Median days from referral"),
        List.of(row(report.referralToFirstDose().journeys(), report.referralToFirstDose().medianDays()))));
    TABLES.put("stages", report -> new CsvTable(List.of("Stage", "Journeys"), report.stages().stream()
        .map(stage -> row(stage.name() == null ? stage.activityId() : stage.name(), stage.journeys())).toList()));
    TABLES.put("follow-up", report -> {
      Kpis.FollowUpOutcomes followUp = report.followUp();
      return new CsvTable(List.of("Follow-ups scored", "Responders", "Response (%)", "Remitters", "Remission (%)"),
          List.of(row(followUp.assessed(), followUp.responders(), percent(followUp.responseRate()), followUp.remitters(),
              percent(followUp.remissionRate()))));
    });
    TABLES.put("check-ins", report -> new CsvTable(List.of("Answered", "Not answered", "Answered (%)"),
        List.of(row(report.checkIns().answered(), report.checkIns().unanswered(), percent(report.checkIns().shareAnswered())))));
    TABLES.put("phq9-by-dose", report -> new CsvTable(List.of("Dose", "Check-ins", "Median PHQ-9"), report.phq9ByDose()
        .stream().map(dose -> row(dose.dose(), dose.checkIns(), dose.medianPhq9())).toList()));
  }

  private KpiExports() {}

  /** A file: its name and its text. */
  record Export(String fileName, String text) {}

  /** The table {@code name} of {@code report}; a name that is no table is refused with the names there are. */
  static Export of(String name, Kpis.Report report) {
    Function<Kpis.Report, CsvTable> table = TABLES.get(name);
    if (table == null) {
      throw new InvalidInputException("table", "must be one of " + String.join(", ", TABLES.keySet()));
    }
    return new Export("kapcare-" + name + "-" + report.from() + "-to-" + report.to() + ".csv", table.apply(report).text());
  }

  private static CsvTable integrationWeeks(Kpis.Report report) {
    Kpis.IntegrationWindows windows = report.integrationWindows();
    List<List<Object>> rows = new ArrayList<>();
    windows.weeks().forEach(week -> rows.add(row(week.week(), week.weekStart(), week.heldInWindow(), week.missed(),
        week.heldLate(), percent(week.shareHeldInWindow()))));
    rows.add(row("All weeks", null, windows.heldInWindow(), windows.missed(), windows.heldLate(),
        percent(windows.shareHeldInWindow())));
    return new CsvTable(List.of("Week", "Monday", "Held in window", "Missed", "Of those held late", "In window (%)"), rows);
  }

  private static CsvTable missedWindows(Kpis.Report report) {
    ZoneId zone = ZoneId.of(report.timeZone());
    return new CsvTable(List.of("Patient", "Therapist", "Window closed", "Held late at", "Journey"),
        report.missedWindows().stream().map(missed -> row(missed.patientId(),
            missed.therapist() == null ? "none yet" : missed.therapist(), at(missed.deadline(), zone),
            missed.heldAt() == null ? "not yet" : at(missed.heldAt(), zone), missed.journeyRunning() ? "running" : "ended"))
            .toList());
  }

  /** A share as a percentage to one decimal, as Cockpit shows it (there rounded to whole ones); empty when none. */
  private static BigDecimal percent(Double share) {
    return share == null ? null : BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP);
  }

  private static String at(Instant instant, ZoneId zone) {
    return MINUTE.format(instant.atZone(zone));
  }

  /** A row whose cells may be empty (null), which {@link List#of} refuses. */
  private static List<Object> row(Object... cells) {
    return Arrays.asList(cells);
  }
}
