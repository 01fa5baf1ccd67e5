package org.kapcare.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** Sends an outbox entry as one multipart (text and HTML) mail. */
class MailChannel {

  /** The mail can never go as it is: retrying would not help, so the row fails for people to see. */
  static class Refused extends Exception {
    Refused(String reason) {
      super(reason);
    }
  }

  private final JavaMailSender sender;
  private final String from;

  MailChannel(JavaMailSender sender, String from) {
    this.sender = sender;
    this.from = from;
  }

  /**
   * @throws Refused when the address is malformed or the server refuses it
   * @throws MailException when the server cannot be reached or fails for now; worth trying again
   */
  void send(OutboxEntry entry) throws Refused {
    MimeMessage mail = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(mail, true, StandardCharsets.UTF_8.name());
      helper.setFrom(from);
      helper.setTo(new InternetAddress(entry.address(), true));
      helper.setSubject(entry.message().subject());
      helper.setText(entry.message().text(), entry.message().html());
    } catch (AddressException e) {
      throw new Refused("the address is not a valid e-mail address");
    } catch (MessagingException e) {
      throw new IllegalStateException("Cannot build the mail of " + entry.describe(), e);
    }
    try {
      sender.send(mail);
    } catch (MailSendException e) {
      if (e.getMessageExceptions().length > 0 && e.getMessageExceptions()[0] instanceof SendFailedException failed
          && failed.getInvalidAddresses() != null && failed.getInvalidAddresses().length > 0) {
        throw new Refused("the mail server refused the address");
      }
      throw e;
    }
  }
}
