package org.kapcare.clinic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
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
    return endOf(today());
  }

  /**
   * When a booking task is due, as the models' {@code ${clinicDay.bookingDue()}}: 23:59 on the
   * {@code kapcare.clinic.booking-within-working-days}th working day after today (Monday to Friday;
   * the clinic's holidays are not known). A task that appears on a Saturday counts from Monday.
   */
  public Date bookingDue() {
    LocalDate day = today();
    for (int left = clinic.bookingWithinWorkingDays(); left > 0 || isWeekend(day); ) {
      day = day.plusDays(1);
      if (!isWeekend(day)) {
        left--;
      }
    }
    return endOf(day);
  }

  private LocalDate today() {
    return EngineClock.now().atZone(clinic.timeZone()).toLocalDate();
  }

  private Date endOf(LocalDate day) {
    return Date.from(day.atTime(END_OF_DAY).atZone(clinic.timeZone()).toInstant());
  }

  private static boolean isWeekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
