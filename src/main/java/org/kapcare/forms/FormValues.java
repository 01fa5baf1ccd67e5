package org.kapcare.forms;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the values Camunda Forms submit, from a task's or execution's variables. Tasklist sends numbers as Integer or Double, yes/no
 * answers as strings and date-times as ISO strings; REST callers may send Long, Date or numeric
 * strings. Every reader names the field in its error.
 */
public final class FormValues {

  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]{1,3})?");
  private static final List<DateTimeFormatter> DATE_TIMES = List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME,
      new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSSZ").toFormatter()
          .withResolverStyle(ResolverStyle.STRICT));

  private FormValues() {}

  public static int integer(Map<String, ?> values, String field, int min, int max) {
    Object value = required(values, field);
    double number = number(field, value);
    if (number != Math.rint(number) || number < min || number > max) {
      throw new InvalidInputException(field, "must be a whole number from " + min + " to " + max + ", was " + value);
    }
    return (int) number;
  }

  /** A required number with no range of its own, for code that runs after the form's rules. */
  public static double number(Map<String, ?> values, String field) {
    return number(field, required(values, field));
  }

  public static boolean yes(Map<String, ?> values, String field) {
    Object value = required(values, field);
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (value.toString().trim().toLowerCase()) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default -> throw new InvalidInputException(field, "must be yes or no, was " + value);
    };
  }

  public static boolean flag(Map<String, ?> values, String field) {
    return values.get(field) != null && yes(values, field);
  }

  public static String text(Map<String, ?> values, String field) {
    Object value = required(values, field);
    String text = value.toString().trim();
    if (text.isEmpty()) {
      throw new InvalidInputException(field, "is required");
    }
    return text;
  }

  public static Instant instant(Map<String, ?> values, String field) {
    return instant(field, required(values, field));
  }

  /**
   * A date and time with its offset, read strictly (no 30 February, no hour 25), in either form a
   * caller sends: ISO-8601 as Camunda Forms submit it ({@code 2026-11-23T10:00Z},
   * {@code 2026-11-23T10:00:00+01:00}) or Camunda's REST format ({@code 2026-11-23T10:00:00.000+0000}).
   * One without an offset is refused: read in the server's zone it would mean another hour elsewhere.
   */
  public static Instant instant(String field, Object value) {
    if (value instanceof Date date) {
      return date.toInstant();
    }
    String text = value.toString().trim();
    for (DateTimeFormatter format : DATE_TIMES) {
      try {
        return OffsetDateTime.parse(text, format).toInstant();
      } catch (DateTimeParseException notThisForm) {
        // the next form, or the refusal below
      }
    }
    throw new InvalidInputException(field, "must be a date and time with its time zone, such as 2026-11-23T10:00Z, was "
        + value);
  }

  /**
   * The date-time as ISO-8601 with its offset, which every reader (these, and the engine's due dates)
   * takes: as it was sent when it is one already, otherwise the same instant in UTC.
   */
  public static String isoDateTime(String field, Object value) {
    Instant instant = instant(field, value);
    String text = value.toString().trim();
    try {
      OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      return text;
    } catch (DateTimeParseException otherForm) {
      return instant.toString();
    }
  }

  private static Object required(Map<String, ?> values, String field) {
    Object value = values.get(field);
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    return value;
  }

  /**
   * A finite decimal number: a JSON number, or a string of digits with an optional sign, point and
   * exponent. Not NaN or infinity, nor Java's other spellings (hex, a trailing d or f).
   */
  public static double number(String field, Object value) {
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (DECIMAL.matcher(value.toString().trim()).matches()) {
      number = Double.parseDouble(value.toString().trim());
    } else {
      throw new InvalidInputException(field, "must be a number, was " + value);
    }
    if (!Double.isFinite(number)) {
      throw new InvalidInputException(field, "must be a number, was " + value);
    }
    return number;
  }
}
