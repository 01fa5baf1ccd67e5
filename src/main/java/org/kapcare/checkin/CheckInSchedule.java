package org.kapcare.checkin;

import java.util.Date;
import org.kapcare.forms.FormValues;
import org.springframework.stereotype.Component;

/**
 * When check-ins go, for the models' timers: {@code ${checkInSchedule.before(dosingAt)}} the
 * clinic's setting before a session (a session booked closer than that is asked about at once),
 * and {@code ${checkInSchedule.betweenDoses()}} the cycle during a dosing series.
 */
@Component("checkInSchedule")
public class CheckInSchedule {

  private final CheckInProperties settings;

  public CheckInSchedule(CheckInProperties settings) {
    this.settings = settings;
  }

  public Date before(Object sessionAt) {
    return Date.from(FormValues.instant("sessionAt", sessionAt).minus(settings.beforeSession()));
  }

  /** Every period from now on, for as long as the series runs. */
  public String betweenDoses() {
    return "R/" + settings.betweenDoses();
  }
}
