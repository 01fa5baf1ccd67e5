package org.kapcare.journey;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads the values Camunda Forms submit. Tasklist sends numbers as Integer or Double, yes/no
 * answers as strings and date-times as ISO strings; REST callers may send Long, Date or numeric
 * strings. Every reader names the field in its error.
 */
public final class FormValues {

  private FormValues() {}

  public static int integer(VariableScope scope, String field, int min, int max) {
    Object value = required(scope, field);
    double number = number(field, value);
    if (number != Math.rint(number) || number < min || number > max) {
      throw new InvalidInputException(field, "must be a whole number from " + min + " to " + max + ", was " + value);
    }
    return (int) number;
  }

  public static double decimal(VariableScope scope, String field, double min, double max) {
    Object value = required(scope, field);
    double number = number(field, value);
    if (number < min || number > max) {
      throw new InvalidInputException(field, "must be from " + min + " to " + max + ", was " + value);
    }
    return number;
  }

  public static boolean yes(VariableScope scope, String field) {
    Object value = required(scope, field);
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (value.toString().trim().toLowerCase()) {
      case "yes", "true" -> true;
      case "no", "false" -> false;
      default -> throw new InvalidInputException(field, "must be yes or no, was " + value);
    };
  }

  public static boolean flag(VariableScope scope, String field) {
    return scope.getVariable(field) != null && yes(scope, field);
  }

  public static String text(VariableScope scope, String field) {
    Object value = required(scope, field);
    String text = value.toString().trim();
    if (text.isEmpty()) {
      throw new InvalidInputException(field, "is required");
    }
    return text;
  }

  public static Instant instant(VariableScope scope, String field) {
    Object value = required(scope, field);
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

  private static Object required(VariableScope scope, String field) {
    Object value = scope.getVariable(field);
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
