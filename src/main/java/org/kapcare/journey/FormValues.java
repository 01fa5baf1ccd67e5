package org.kapcare.journey;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Map;

/**
 * Reads the values Camunda Forms submit, from a task's or execution's variables. Tasklist sends numbers as Integer or Double, yes/no
 * answers as strings and date-times as ISO strings; REST callers may send Long, Date or numeric
 * strings. Every reader names the field in its error.
 */
public final class FormValues {

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
    Object value = required(values, field);
    if (value instanceof Date date) {
      return date.toInstant();
    }
    String text = value.toString().trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      try {
        return LocalDateTime.parse(text).atZone(ZoneId.systemDefault()).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(field, "must be a date and time such as 2026-11-23T10:00Z, was " + value);
      }
    }
  }

  private static Object required(Map<String, ?> values, String field) {
    Object value = values.get(field);
    if (value == null) {
      throw new InvalidInputException(field, "is required");
    }
    return value;
  }

  private static double number(String field, Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(field, "must be a number, was " + value);
    }
  }
}
