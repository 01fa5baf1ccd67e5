package org.kapcare.notification;

/**
 * One message for one recipient, rendered and ready to queue.
 *
 * @param recipient {@code patient} or a staff group id
 * @param address the e-mail address, or null when there is none (then only the log tells of it)
 */
public record OutboxMessage(String processInstanceId, String activityInstanceId, String template, String recipient,
    String patientId, String address, RenderedMessage message) {
}
