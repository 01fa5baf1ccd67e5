package org.kapcare.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.PatientLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/**
 * Delivers the outbox: every row through the log, and by e-mail when {@code spring.mail.host} is
 * set and the recipient has an address. A mail server that cannot be reached leaves the row
 * waiting, with a wait that doubles up to {@code kapcare.notify.max-retry}, for as long as it takes;
 * an address that can never work fails its own row and no other.
 */
@Service
public class OutboxDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);

  private final Outbox outbox;
  private final NotificationProperties settings;
  private final MailChannel mail;
  private final ObjectProvider<PatientLinks> links;

  public OutboxDispatcher(Outbox outbox, NotificationProperties settings, ObjectProvider<JavaMailSender> mailSender,
      ObjectProvider<PatientLinks> links) {
    this.outbox = outbox;
    this.settings = settings;
    this.links = links;
    JavaMailSender sender = mailSender.getIfAvailable();
    this.mail = sender == null ? null : new MailChannel(sender, settings.from());
  }

  /** Delivers the rows due now, a batch at a time, until none is left; returns how many were tried. */
  public int dispatchDue() {
    int tried = 0;
    List<OutboxEntry> batch;
    do {
      Instant now = EngineClock.now();
      batch = outbox.takeDue(now, now.plus(settings.lockTime()), settings.batchSize());
      batch.forEach(this::deliver);
      tried += batch.size();
    } while (!batch.isEmpty());
    return tried;
  }

  private void deliver(OutboxEntry entry) {
    if (entry.address() == null || mail == null) {
      LOG.info("{}: logged only, {}", entry.describe(),
          entry.address() == null ? "no address on record" : "e-mail is not configured");
      if (settings.logPatientLinks()) {
        logLink(entry);
      }
      outbox.sent(entry.id(), EngineClock.now(), "log");
      return;
    }
    OutboxEntry withLink = withLink(entry);
    if (withLink == null) {
      LOG.info("{}: not sent, what its link answers has closed", entry.describe());
      outbox.failed(entry.id(), "not sent: what its link answers closed before the mail could go");
      return;
    }
    try {
      mail.send(withLink);
      LOG.info("{}: sent by e-mail", entry.describe());
      outbox.sent(entry.id(), EngineClock.now(), "log,email");
    } catch (MailChannel.Refused e) {
      LOG.warn("{}: failed for good, {}", entry.describe(), e.getMessage());
      outbox.failed(entry.id(), e.getMessage());
    } catch (MailException e) {
      int attempt = entry.attempts() + 1;
      Instant next = EngineClock.now().plus(waitAfter(attempt));
      String reason = "mail server unavailable: " + withoutAddresses(rootMessage(e));
      LOG.warn("{}: attempt {} failed, next at {}: {}", entry.describe(), attempt, next, reason);
      outbox.retryAt(entry.id(), next, reason);
    }
  }

  /** The demo clinic's way to answer a check-in without a mail server: the link, in the log. */
  private void logLink(OutboxEntry entry) {
    if (needsLink(entry.message())) {
      String link = links.getObject().mint(entry.processInstanceId());
      if (link != null) {
        LOG.info("{}: demo clinic, the patient's link: {}", entry.describe(), link);
      }
    }
  }

  /**
   * The entry with its single-use link minted now, for this sending only: the outbox row keeps the
   * placeholder. Null when the link would answer nothing any more.
   */
  private OutboxEntry withLink(OutboxEntry entry) {
    RenderedMessage message = entry.message();
    if (!needsLink(message)) {
      return entry;
    }
    String link = links.getObject().mint(entry.processInstanceId());
    return link == null ? null : entry.withMessage(new RenderedMessage(message.subject(),
        message.text().replace(PatientLinks.PLACEHOLDER, link), message.html().replace(PatientLinks.PLACEHOLDER, link)));
  }

  private static boolean needsLink(RenderedMessage message) {
    return message.text().contains(PatientLinks.PLACEHOLDER) || message.html().contains(PatientLinks.PLACEHOLDER);
  }

  /** first-retry, doubled for each further failure, capped at max-retry. */
  Duration waitAfter(int failures) {
    Duration wait = settings.firstRetry().multipliedBy(1L << Math.min(failures - 1, 30));
    return wait.compareTo(settings.maxRetry()) > 0 || wait.isNegative() ? settings.maxRetry() : wait;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** Server messages may quote the address; the outbox's errors are read by people who need no contact details. */
  private static String withoutAddresses(String message) {
    return message.replaceAll("[^\\s<>\"'@]+@[^\\s<>\"']+", "<address>");
  }
}
