package org.kapcare.notification;

import java.util.Date;
import org.kapcare.forms.FormValues;
import org.springframework.stereotype.Component;

/**
 * When a patient is reminded of a booked session, for the models' timers
 * ({@code ${sessionReminders.before(consultationAt)}}): the clinic's setting before it, a day by
 * default. A session booked closer than that is reminded of at once.
 */
@Component("sessionReminders")
public class SessionReminders {

  private final NotificationProperties settings;

  public SessionReminders(NotificationProperties settings) {
    this.settings = settings;
  }

  public Date before(Object sessionAt) {
    return Date.from(FormValues.instant("sessionAt", sessionAt).minus(settings.sessionReminderBefore()));
  }
}
