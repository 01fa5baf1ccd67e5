package org.kapcare.clinic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Due today" ends at the clinic's midnight, wherever the server runs; bookings are due in working days. */
class ClinicDayTest {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static Date endOfTodayIn(String zone, String now) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(now)));
    return new ClinicDay(new ClinicProperties(ZoneId.of(zone), "Clinic", null, "http://localhost", 2)).endOfToday();
  }

  @Test
  void aNewYorkClinicsDayEndsAtItsOwnMidnightOnAUtcServer() {
    // 04:00 in New York on Monday 23 November: the review is due by 23:59 New York time that day.
    assertThat(endOfTodayIn("America/New_York", "2026-11-23T09:00:00Z"))
        .isEqualTo(Date.from(Instant.parse("2026-11-24T04:59:00Z")));
    // 20:00 in New York on Sunday 22 November (already Monday in UTC): still Sunday in the clinic.
    assertThat(endOfTodayIn("America/New_York", "2026-11-23T01:00:00Z"))
        .isEqualTo(Date.from(Instant.parse("2026-11-23T04:59:00Z")));
  }

  @Test
  void aUtcClinicsDayEndsAtUtcMidnight() {
    assertThat(endOfTodayIn("UTC", "2026-11-23T09:00:00Z")).isEqualTo(Date.from(Instant.parse("2026-11-23T23:59:00Z")));
  }

  private static Date bookingDueIn(String zone, int workingDays, String now) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(now)));
    return new ClinicDay(new ClinicProperties(ZoneId.of(zone), "Clinic", null, "http://localhost", workingDays)).bookingDue();
  }

  @Test
  void aBookingIsDueAtTheEndOfTheSecondWorkingDayAfterToday() {
    // Monday 23 November 2026: due Wednesday 25th, 23:59.
    assertThat(bookingDueIn("UTC", 2, "2026-11-23T09:00:00Z")).isEqualTo(Date.from(Instant.parse("2026-11-25T23:59:00Z")));
    // Friday 27th: the weekend does not count, due Tuesday 1 December.
    assertThat(bookingDueIn("UTC", 2, "2026-11-27T16:00:00Z")).isEqualTo(Date.from(Instant.parse("2026-12-01T23:59:00Z")));
    // Saturday 28th and Sunday 29th count from Monday: due Tuesday too.
    assertThat(bookingDueIn("UTC", 2, "2026-11-28T10:00:00Z")).isEqualTo(Date.from(Instant.parse("2026-12-01T23:59:00Z")));
    assertThat(bookingDueIn("UTC", 2, "2026-11-29T10:00:00Z")).isEqualTo(Date.from(Instant.parse("2026-12-01T23:59:00Z")));
  }

  @Test
  void theWorkingDaysAreTheClinicsAndASettingOfNoneMeansTheSameWorkingDay() {
    // 20:00 on Friday 27 November in New York is Saturday in UTC: the clinic's Friday counts, due its Tuesday.
    assertThat(bookingDueIn("America/New_York", 2, "2026-11-28T01:00:00Z"))
        .isEqualTo(Date.from(Instant.parse("2026-12-02T04:59:00Z")));
    assertThat(bookingDueIn("UTC", 0, "2026-11-24T09:00:00Z")).isEqualTo(Date.from(Instant.parse("2026-11-24T23:59:00Z")));
    assertThat(bookingDueIn("UTC", 0, "2026-11-28T09:00:00Z")).isEqualTo(Date.from(Instant.parse("2026-11-30T23:59:00Z")));
  }

  @Test
  void aNegativeNumberOfWorkingDaysIsRefusedAtStartUp() {
    assertThatThrownBy(() -> new ClinicProperties(ZoneId.of("UTC"), "Clinic", null, "http://localhost", -1))
        .isInstanceOf(StartRefused.class).hasMessage("kapcare.clinic.booking-within-working-days must be 0 (the same day) or more, was -1");
  }
}
