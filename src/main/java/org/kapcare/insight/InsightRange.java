package org.kapcare.insight;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import org.kapcare.forms.InvalidInputException;

/**
 * The days a manager asked about, both included, as calendar days in the clinic's time zone: the
 * queries look at instants in [start of {@code from}, start of the day after {@code to}).
 */
public record InsightRange(LocalDate from, LocalDate to, ZoneId zone) {

  /** Without dates a manager sees the last six months, today included. */
  static final int DEFAULT_MONTHS = 6;
  /** Longer ranges answer no question a clinic asks and only load the database. */
  static final int MAX_YEARS = 2;

  /** The range from the request's {@code from} and {@code to} (YYYY-MM-DD, either may be left out). */
  public static InsightRange of(String from, String to, ZoneId zone, Instant now) {
    return of(from, to, DEFAULT_MONTHS, zone, now);
  }

  /** The same, with {@code months} up to {@code to} when {@code from} is left out. */
  public static InsightRange of(String from, String to, int months, ZoneId zone, Instant now) {
    LocalDate last = to == null || to.isBlank() ? LocalDate.ofInstant(now, zone) : date("to", to);
    LocalDate first = from == null || from.isBlank() ? last.minusMonths(months).plusDays(1) : date("from", from);
    if (first.isAfter(last)) {
      throw new InvalidInputException("from", "must not be after to (" + last + "), was " + first);
    }
    if (last.isAfter(first.plusYears(MAX_YEARS))) {
      throw new InvalidInputException("to", "must be at most " + MAX_YEARS + " years after from (" + first + "), was " + last);
    }
    return new InsightRange(first, last, zone);
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(field, "must be a date as YYYY-MM-DD, was " + value);
    }
  }

  /** As many days just before this range: what a trend compares with. */
  public InsightRange previous() {
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    return new InsightRange(from.minusDays(days), from.minusDays(1), zone);
  }

  public Instant start() {
    return from.atStartOfDay(zone).toInstant();
  }

  /** Exclusive: the start of the day after {@code to}. */
  public Instant end() {
    return to.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** The Monday of the ISO week that holds {@code instant}, in the clinic's time zone. */
  public LocalDate weekOf(Instant instant) {
    return LocalDate.ofInstant(instant, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
