package org.kapcare.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Delivers notifications. For now through the log channel only, which names the patient by id
 * and never writes contact details; the outbox and e-mail channel come with issue 4.
 */
@Service
public class Notifications {

  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

  public void send(Notification notification) {
    LOG.info("notification {} for patient {} to {}", notification.template(), notification.patientId(),
        notification.recipients());
  }
}
