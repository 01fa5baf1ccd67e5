package org.kapcare.notification;

/** A queued message a dispatcher has taken for delivery. */
public record OutboxEntry(long id, String processInstanceId, String template, String recipient, String patientId, String address,
    RenderedMessage message, int attempts) {

  public OutboxEntry withMessage(RenderedMessage other) {
    return new OutboxEntry(id, processInstanceId, template, recipient, patientId, address, other, attempts);
  }

  /** How the log names the entry: never the address or the body, which may identify the patient. */
  public String describe() {
    return "notification #" + id + " " + template + " for patient " + patientId + " to " + recipient;
  }
}
