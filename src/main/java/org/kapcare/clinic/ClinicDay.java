package org.kapcare.clinic;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Date;
import org.springframework.stereotype.Component;

/** The clinic's own day, for due dates such as "today": the clinic's midnight, not the server's. */
@Component("clinicDay")
public class ClinicDay {

  private static final LocalTime END_OF_DAY = LocalTime.of(23, 59);

  private final ClinicProperties clinic;

  public ClinicDay(ClinicProperties clinic) {
    this.clinic = clinic;
  }

  /** 23:59 today in the clinic's time zone, as the models' {@code ${clinicDay.endOfToday()}}. */
  public Date endOfToday() {
    ZonedDateTime now = EngineClock.now().atZone(clinic.timeZone());
    return Date.from(now.toLocalDate().atTime(END_OF_DAY).atZone(clinic.timeZone()).toInstant());
  }
}
