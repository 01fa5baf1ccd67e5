package org.kapcare.notification;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Map;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kapcare.notify.*}: where staff notifications go and how the outbox is delivered.
 *
 * @param groupAddresses one address per staff group (a shared mailbox or list); a group without
 *     one is told through the log only
 * @param from the sender of every mail
 * @param templates where the mail templates are; a clinic may point this at its own folder
 * @param pollInterval how often the outbox is checked for due rows
 * @param batchSize how many rows one check takes
 * @param firstRetry the wait after the first failed attempt; it doubles with each failure
 * @param maxRetry the longest wait between attempts; a row waits for the mail server for as long as it takes
 * @param lockTime how long a dispatcher holds rows it took; longer than any mail server timeout
 * @param sessionReminderBefore how long before a booked session the patient is reminded of it
 * @param logPatientLinks whether a patient's link (a check-in) is minted and written to the log
 *     when no mail can carry it: for the demo clinic, whose patients are fictitious, never a clinic's
 */
@ConfigurationProperties("kapcare.notify")
public record NotificationProperties(
    Map<String, String> groupAddresses,
    @DefaultValue("KAP Care <no-reply@kapcare.invalid>") String from,
    @DefaultValue("classpath:/notifications/") String templates,
    @DefaultValue("PT5S") Duration pollInterval,
    @DefaultValue("100") int batchSize,
    @DefaultValue("PT30S") Duration firstRetry,
    @DefaultValue("PT1H") Duration maxRetry,
    @DefaultValue("PT5M") Duration lockTime,
    @DefaultValue("P1D") Duration sessionReminderBefore,
    @DefaultValue("false") boolean logPatientLinks) {

  public NotificationProperties {
    groupAddresses = groupAddresses == null ? Map.of() : Map.copyOf(groupAddresses);
    groupAddresses.forEach((group, address) -> requireAddress("kapcare.notify.group-addresses." + group, address));
    requireAddress("kapcare.notify.from", from);
    if (batchSize < 1) {
      throw StartRefused.setting("kapcare.notify.batch-size", "kapcare.notify.batch-size must be at least 1, not "
          + batchSize);
    }
    StartRefused.requirePositive("kapcare.notify.poll-interval", pollInterval);
    StartRefused.requirePositive("kapcare.notify.first-retry", firstRetry);
    StartRefused.requirePositive("kapcare.notify.max-retry", maxRetry);
    StartRefused.requirePositive("kapcare.notify.lock-time", lockTime);
  }

  /** The group's address, or null when the clinic has not configured one. */
  public String groupAddress(String group) {
    return groupAddresses.get(group);
  }

  /** A mistyped staff address stops start-up, rather than failing every mail to that group later. */
  private static void requireAddress(String property, String address) {
    try {
      new InternetAddress(address, true);
    } catch (AddressException e) {
      throw StartRefused.setting(property, property + " is not a valid e-mail address: \"" + address + "\"");
    }
  }
}
