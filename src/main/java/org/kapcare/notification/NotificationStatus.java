package org.kapcare.notification;

import java.time.Instant;

/** What {@code GET /api/notifications} shows of a row: whether and when it went, and why not. */
public record NotificationStatus(long id, String template, String recipient, String patientId, String status,
    String deliveredBy, int attempts, String lastError, Instant createdAt, Instant nextAttemptAt, Instant sentAt) {

  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
}
