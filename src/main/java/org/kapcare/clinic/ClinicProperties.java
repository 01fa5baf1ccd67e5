package org.kapcare.clinic;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kapcare.clinic.*}: who and where the clinic is, so that times on forms read as the
 * clinic's local time and mails sign with its name.
 *
 * @param phone the number patients call with questions; mails leave it out when unset
 * @param baseUrl where staff reach KAP Care, for the links in their mails
 * @param bookingWithinWorkingDays a booking task is due by the end of this many working days
 *     (Monday to Friday) after the day it appears: the protocol's target for coordinators
 */
@ConfigurationProperties("kapcare.clinic")
public record ClinicProperties(
    @DefaultValue("UTC") ZoneId timeZone,
    @DefaultValue("KAP Care clinic") String name,
    String phone,
    @DefaultValue("http://localhost:8080") String baseUrl,
    @DefaultValue("2") int bookingWithinWorkingDays) {

  public ClinicProperties {
    if (bookingWithinWorkingDays < 0) {
      throw StartRefused.setting("kapcare.clinic.booking-within-working-days",
          "kapcare.clinic.booking-within-working-days must be 0 (the same day) or more, was " + bookingWithinWorkingDays);
    }
  }

  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm (zzz)", Locale.UK);

  /** E.g. "Mon 23 Nov 2026, 12:00 (GMT)". */
  public String readable(Instant instant) {
    return READABLE.format(instant.atZone(timeZone));
  }

  /** The staff's task list, where every mail to staff sends them. */
  public String tasklistUrl() {
    return baseUrl.replaceAll("/+$", "") + "/camunda/app/tasklist/";
  }
}
