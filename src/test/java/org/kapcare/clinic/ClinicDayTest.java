package org.kapcare.clinic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Due today" ends at the clinic's midnight, wherever the server runs. */
class ClinicDayTest {

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  private static Date endOfTodayIn(String zone, String now) {
    ClockUtil.setCurrentTime(Date.from(Instant.parse(now)));
    return new ClinicDay(new ClinicProperties(ZoneId.of(zone), "Clinic", null, "http://localhost")).endOfToday();
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
}
