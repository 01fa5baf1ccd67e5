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
import java.util.function.Supplier;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.forms.InvalidInputException;

/**
 * Each KPI table of Cockpit's KAP Care KPIs as a CSV file, with the columns the manager sees and
 * times in the clinic's zone and shares as percentages. The file name carries the table and the days
 * it covers.
 */
final class KpiExports {

  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  static final String MISSED_WINDOWS = "missed-windows";

  /** The tables by the name in their URL, in the order Cockpit shows them. */
  private static final Map<String, Function<Source, CsvTable>> TABLES = new LinkedHashMap<>();

  static {
    TABLES.put("trend", source -> trend(source.report()));
    TABLES.put("integration-weeks", source -> integrationWeeks(source.report()));
    TABLES.put(MISSED_WINDOWS, source -> missedWindows(source.missedWindows().get(), source.report().timeZone()));
    TABLES.put("clinicians", source -> clinicians(source.report()));
    TABLES.put("referral-to-first-dose", source -> {
      Kpis.Report report = source.report();
      List<List<Object>> rows = new ArrayList<>();
      report.firstDoseByMonth().forEach(month -> rows.add(row(month.month(), month.journeys(), month.medianDays())));
      rows.add(row("All months", report.referralToFirstDose().journeys(), report.referralToFirstDose().medianDays()));
      return new CsvTable(List.of("Month", "Patients dosed", "Median days from referral"), rows);
    });
    TABLES.put("stages", source -> new CsvTable(List.of("Stage", "Journeys"), source.report().stages().stream()
        .map(stage -> row(stage.name() == null ? stage.activityId() : stage.name(), stage.journeys())).toList()));
    TABLES.put("follow-up", source -> {
      Kpis.Report report = source.report();
      List<List<Object>> rows = new ArrayList<>();
      report.outcomesByCohort().forEach(cohort -> rows.add(row(cohort.month(), cohort.assessed(), cohort.responders(),
          percent(cohort.responseRate()), cohort.remitters(), percent(cohort.remissionRate()))));
      Kpis.FollowUpOutcomes all = report.followUp();
      rows.add(row("All cohorts", all.assessed(), all.responders(), percent(all.responseRate()), all.remitters(),
          percent(all.remissionRate())));
      return new CsvTable(List.of("Cohort (month of referral)", "Follow-ups scored", "Responders", "Response (%)",
          "Remitters", "Remission (%)"), rows);
    });
    TABLES.put("check-ins", source -> {
      Kpis.CheckIns checkIns = source.report().checkIns();
      return new CsvTable(List.of("Answered", "Not answered", "Answered (%)"),
          List.of(row(checkIns.answered(), checkIns.unanswered(), percent(checkIns.shareAnswered()))));
    });
    TABLES.put("phq9-by-dose", source -> new CsvTable(List.of("Dose", "Check-ins", "Median PHQ-9"), source.report()
        .phq9ByDose().stream().map(dose -> row(dose.dose(), dose.checkIns(), dose.medianPhq9())).toList()));
  }

  /** What the tables are made from: the report, and the missed windows when their table is asked for. */
  record Source(Kpis.Report report, Supplier<List<Kpis.MissedWindow>> missedWindows) {}

  private KpiExports() {}

  /** A file: its name and its text. */
  record Export(String fileName, String text) {}

  /** Refuses a name that is no table, with the names there are. */
  static void checkTable(String name) {
    if (!TABLES.containsKey(name)) {
      throw new InvalidInputException("table", "must be one of " + String.join(", ", TABLES.keySet()));
    }
  }

  /** The table {@code name} made from {@code source}. */
  static Export of(String name, Source source) {
    checkTable(name);
    Kpis.Report report = source.report();
    return new Export("kapcare-" + name + "-" + report.from() + "-to-" + report.to() + ".csv",
        TABLES.get(name).apply(source).text());
  }

  /** Each headline figure of the range beside the period before it. */
  private static CsvTable trend(Kpis.Report report) {
    Kpis.Headline now = report.current();
    Kpis.Headline before = report.previous();
    return new CsvTable(List.of("Figure", now.from() + " to " + now.to(), before.from() + " to " + before.to()), List.of(
        row("Integration windows decided", now.windowsDecided(), before.windowsDecided()),
        row("Held in window (%)", percent(now.shareHeldInWindow()), percent(before.shareHeldInWindow())),
        row("Missed windows", now.missedWindows(), before.missedWindows()),
        row("First doses", now.firstDoses(), before.firstDoses()),
        row("Median days from referral to first dose", now.medianDaysToFirstDose(), before.medianDaysToFirstDose()),
        row("Follow-ups scored", now.followUps(), before.followUps()),
        row("Response (%)", percent(now.responseRate()), percent(before.responseRate())),
        row("Remission (%)", percent(now.remissionRate()), percent(before.remissionRate())),
        row("Check-ins closed", now.checkInsClosed(), before.checkInsClosed()),
        row("Check-ins answered (%)", percent(now.shareCheckInsAnswered()), percent(before.shareCheckInsAnswered()))));
  }

  private static CsvTable clinicians(Kpis.Report report) {
    return new CsvTable(List.of("Group", "Name", "Tasks done", "Open now", "Overdue now", "Integration sessions",
        "In window", "In window (%)"), report.clinicians().stream().map(c -> row(
            c.group().equals(ClinicGroup.THERAPISTS.id()) ? ClinicGroup.THERAPISTS.displayName()
                : ClinicGroup.PRESCRIBERS.displayName(), c.name(), c.tasksDone(), c.openNow(), c.overdueNow(),
            c.integrationSessions(), c.integrationInWindow(), percent(c.shareIntegrationInWindow()))).toList());
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

  private static CsvTable missedWindows(List<Kpis.MissedWindow> missedWindows, String timeZone) {
    ZoneId zone = ZoneId.of(timeZone);
    return new CsvTable(List.of("Patient", "Therapist", "Window closed", "Held late at", "Journey"),
        missedWindows.stream().map(missed -> row(missed.patientId(),
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
