package org.kapcare.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcare.forms.InvalidInputException;

/**
 * The KPI tables as CSV files: the columns Cockpit shows, times in the clinic's zone, numbers a
 * spreadsheet reads as numbers, and nothing a name could make a spreadsheet run.
 */
class KpiExportsTest {

  private static final String BOM = "\uFEFF";

  private static KpiExports.Source report(List<Kpis.MissedWindow> missed) {
    Kpis.Report report = new Kpis.Report(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
        LocalDate.parse("2026-12-07"), "Europe/Berlin", 0.9,
        new Kpis.IntegrationWindows(3, 1, 0, 0.75, List.of(
            new Kpis.IntegrationWeek("2026-W45", LocalDate.parse("2026-11-02"), 3, 1, 0, 0.75),
            new Kpis.IntegrationWeek("2026-W46", LocalDate.parse("2026-11-09"), 0, 0, 0, null))),
        new Kpis.FirstDoseWait(3, 4.5), List.of(new Kpis.MonthFirstDose("2026-11", 3, 4.5)),
        List.of(new Kpis.JourneyStage("preDoseCheck", "Pre-dose check", 4)),
        new Kpis.FollowUpOutcomes(3, 2, 1, 2.0 / 3, 1.0 / 3),
        List.of(new Kpis.CohortOutcomes("2026-08", 1, 0, 0, 0.0, 0.0), new Kpis.CohortOutcomes("2026-09", 2, 2, 1, 1.0, 0.5)),
        new Kpis.CheckIns(4, 1, 0.8), List.of(new Kpis.DosePhq9(1, 2, 12.5)),
        List.of(new Kpis.Clinician("therapists", "tess", "Tess Hartmann", 12, 2, 1, 5, 4, 0.8),
            new Kpis.Clinician("prescribers", "pat", "Pat Prescriber", 7, 0, 0, 0, 0, null)),
        new Kpis.Headline(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), 4, 0.75, 1, 3, 4.5, 3, 2.0 / 3,
            1.0 / 3, 5, 0.8),
        new Kpis.Headline(LocalDate.parse("2026-10-02"), LocalDate.parse("2026-10-31"), 0, null, 0, 0, null, 0, null, null,
            0, null));
    return new KpiExports.Source(report, () -> missed);
  }

  private static Kpis.MissedWindow missed(String patient, String therapist, String deadline, String heldAt, boolean running) {
    return new Kpis.MissedWindow(patient, therapist, Instant.parse(deadline), heldAt == null ? null : Instant.parse(heldAt),
        "dose-1", "journey-1", running);
  }

  @Test
  void missedWindowsWithTimesInTheClinicsZoneAndNoEngineIds() {
    KpiExports.Export export = KpiExports.of("missed-windows", report(List.of(
        missed("K-1001", "Theo Therapist", "2026-11-20T23:30:00Z", "2026-11-21T08:05:00Z", false),
        missed("K-1002", null, "2026-11-25T10:00:00Z", null, true))));
    assertThat(export.fileName()).isEqualTo("kapcare-missed-windows-2026-11-01-to-2026-11-30.csv");
    assertThat(export.text()).isEqualTo(BOM
        + "Patient,Therapist,Window closed,Held late at,Journey\r\n"
        + "K-1001,Theo Therapist,2026-11-21 00:30,2026-11-21 09:05,ended\r\n"
        + "K-1002,none yet,2026-11-25 11:00,not yet,running\r\n");
  }

  @Test
  void everyTableHasItsColumnsAndEmptyFiguresStayEmpty() {
    KpiExports.Source report = report(List.of());
    assertFile(report, "integration-weeks", "Week,Monday,Held in window,Missed,Of those held late,In window (%)",
        "2026-W45,2026-11-02,3,1,0,75.0", "2026-W46,2026-11-09,0,0,0,", "All weeks,,3,1,0,75.0");
    assertFile(report, "referral-to-first-dose", "Month,Patients dosed,Median days from referral", "2026-11,3,4.5",
        "All months,3,4.5");
    assertFile(report, "stages", "Stage,Journeys", "Pre-dose check,4");
    assertFile(report, "follow-up", "Cohort (month of referral),Follow-ups scored,Responders,Response (%),Remitters,Remission (%)",
        "2026-08,1,0,0.0,0,0.0", "2026-09,2,2,100.0,1,50.0", "All cohorts,3,2,66.7,1,33.3");
    assertFile(report, "clinicians", "Group,Name,Tasks done,Open now,Overdue now,Integration sessions,In window,In window (%)",
        "Therapists,Tess Hartmann,12,2,1,5,4,80.0", "Prescribers,Pat Prescriber,7,0,0,0,0,");
    // The previous period had nothing yet: its figures stay empty rather than read as 0 %.
    assertFile(report, "trend", "Figure,2026-11-01 to 2026-11-30,2026-10-02 to 2026-10-31",
        "Integration windows decided,4,0", "Held in window (%),75.0,", "Missed windows,1,0", "First doses,3,0",
        "Median days from referral to first dose,4.5,", "Follow-ups scored,3,0", "Response (%),66.7,",
        "Remission (%),33.3,", "Check-ins closed,5,0", "Check-ins answered (%),80.0,");
    assertFile(report, "check-ins", "Answered,Not answered,Answered (%)", "4,1,80.0");
    assertFile(report, "phq9-by-dose", "Dose,Check-ins,Median PHQ-9", "1,2,12.5");
  }

  /** The table's file is exactly these lines: a byte-order mark first, each line ended by CRLF. */
  private static void assertFile(KpiExports.Source report, String table, String... lines) {
    assertThat(KpiExports.of(table, report).text()).as(table).isEqualTo(BOM + String.join("\r\n", lines) + "\r\n");
  }

  /** Names come from the clinic's directory, where staff may type what they like into their own profile. */
  @Test
  void aNameThatASpreadsheetWouldRunIsWrittenAsTextAndQuotesAndLineBreaksStayInTheirCell() {
    String text = KpiExports.of("missed-windows", report(List.of(
        missed("K-1", "=HYPERLINK(\"http://evil.example\",\"open\")", "2026-11-20T10:00:00Z", null, true),
        missed("K-2", "+1-555", "2026-11-19T10:00:00Z", null, true),
        missed("K-3", "@SUM(A1)", "2026-11-18T10:00:00Z", null, true),
        missed("K-4", "-2+3", "2026-11-17T10:00:00Z", null, true),
        missed("K-5", "\tTab", "2026-11-16T10:00:00Z", null, true),
        missed("K-6", "Ann \"Nan\" Lee,\r\nPhD", "2026-11-15T10:00:00Z", null, true)))).text();
    assertThat(text).contains(
        "\r\nK-1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\",2026-11-20 11:00,not yet,running\r\n",
        "\r\nK-2,'+1-555,2026-11-19 11:00,not yet,running\r\n",
        "\r\nK-3,'@SUM(A1),2026-11-18 11:00,not yet,running\r\n",
        "\r\nK-4,'-2+3,2026-11-17 11:00,not yet,running\r\n",
        "\r\nK-5,'\tTab,2026-11-16 11:00,not yet,running\r\n",
        "\r\nK-6,\"Ann \"\"Nan\"\" Lee,\r\nPhD\",2026-11-15 11:00,not yet,running\r\n");
  }

  @Test
  void aTableThatDoesNotExistIsRefusedWithTheNamesThereAre() {
    assertThatThrownBy(() -> KpiExports.of("../../etc/passwd", report(List.of())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("trend, integration-weeks, missed-windows, clinicians, referral-to-first-dose, stages, "
            + "follow-up, check-ins, phq9-by-dose");
  }
}
