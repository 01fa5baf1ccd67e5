package org.kapcare.notification;

import org.kapcare.clinic.EngineClock;
import org.springframework.stereotype.Service;

/**
 * Turns a journey's notification into one outbox row per recipient, in the caller's transaction.
 * Nothing here talks to a mail server: the {@link OutboxDispatcher} does, after the engine commits.
 */
@Service
public class Notifications {

  private final NotificationTemplates templates;
  private final Outbox outbox;
  private final NotificationProperties settings;

  public Notifications(NotificationTemplates templates, Outbox outbox, NotificationProperties settings) {
    this.templates = templates;
    this.outbox = outbox;
    this.settings = settings;
  }

  public void send(Notification notification) {
    for (String recipient : notification.recipients()) {
      RenderedMessage message = templates.render(notification, recipient);
      outbox.add(new OutboxMessage(notification.processInstanceId(), notification.activityInstanceId(),
          notification.template(), recipient, notification.patientId(), address(recipient, notification), message),
          EngineClock.now());
    }
  }

  private String address(String recipient, Notification notification) {
    if (NotificationTemplates.PATIENT.equals(recipient)) {
      Object email = notification.journey().get("patientEmail");
      return email == null || email.toString().isBlank() ? null : email.toString().trim();
    }
    return settings.groupAddress(recipient);
  }
}
