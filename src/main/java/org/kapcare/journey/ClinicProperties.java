package org.kapcare.journey;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code kapcare.clinic.*}: where the clinic is, so that times on forms read as the clinic's local time. */
@ConfigurationProperties("kapcare.clinic")
public record ClinicProperties(@DefaultValue("UTC") ZoneId timeZone) {

  private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm (zzz)", Locale.UK);

  /** E.g. "Mon 23 Nov 2026, 12:00 (GMT)". */
  public String readable(Instant instant) {
    return READABLE.format(instant.atZone(timeZone));
  }
}
