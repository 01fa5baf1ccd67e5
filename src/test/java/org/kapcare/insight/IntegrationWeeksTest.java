package org.kapcare.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Quarter-hour counts from the database folded into the clinic's ISO weeks, in the clinic's time zone. */
class IntegrationWeeksTest {

  private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

  @Test
  void weeksRunMondayToSundayInTheClinicsTimeZoneNotTheServers() {
    InsightRange week = new InsightRange(LocalDate.parse("2026-11-23"), LocalDate.parse("2026-11-29"), AUCKLAND);
    // 00:30 on Monday and 23:45 on Sunday in Auckland (UTC+13): Sunday and Sunday in UTC, a week apart there.
    List<ClinicKpis.WindowBucket> buckets = List.of(
        new ClinicKpis.WindowBucket(Instant.parse("2026-11-22T11:30:00Z"), 2, 1, 0),
        new ClinicKpis.WindowBucket(Instant.parse("2026-11-29T10:45:00Z"), 1, 0, 0));

    Kpis.IntegrationWindows windows = ClinicKpis.byWeek(buckets, week);

    assertThat(windows.weeks()).containsExactly(
        new Kpis.IntegrationWeek("2026-W48", LocalDate.parse("2026-11-23"), 3, 1, 0, 0.75));
    assertThat(windows).extracting(Kpis.IntegrationWindows::heldInWindow, Kpis.IntegrationWindows::missed,
        Kpis.IntegrationWindows::shareHeldInWindow).containsExactly(3L, 1L, 0.75);
  }

  @Test
  void weeksWithoutDecidedWindowsAreListedWithNoShare() {
    InsightRange range = new InsightRange(LocalDate.parse("2026-12-30"), LocalDate.parse("2027-01-05"), AUCKLAND);

    assertThat(ClinicKpis.byWeek(List.of(), range).weeks()).extracting(Kpis.IntegrationWeek::week,
        Kpis.IntegrationWeek::shareHeldInWindow).containsExactly(
            tuple("2026-W53", null), tuple("2027-W01", null));
  }
}
