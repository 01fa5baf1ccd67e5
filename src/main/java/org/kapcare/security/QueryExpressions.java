package org.kapcare.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.kapcare.forms.InvalidInputException;

/**
 * Expressions (JUEL's {@code ${...}} and {@code #{...}}) in what a caller sends. Camunda 7 evaluates
 * the {@code ...Expression} fields of a query, and in 7.24.0 its check that refuses them in ad-hoc
 * queries misses {@code orQueries}: an expression there runs any Java code as the app's user. None
 * of KAP Care's screens sends one, so every field named {@code ...Expression} and every value
 * carrying an expression is refused, at any depth. Values that are data, never evaluated (a form's
 * answers, a password), are left to the form's own checks. A NUL character, which PostgreSQL
 * cannot store, is refused wherever it stands.
 */
final class QueryExpressions {

  /** Keys whose values are data: variable values and passwords are stored, never evaluated. */
  private static final Set<String> DATA = Set.of("variables", "modifications", "password", "authenticatedUserPassword");

  private QueryExpressions() {}

  /** Throws for the first query parameter that carries an expression or a NUL. */
  static void checkQuery(String rawQuery) {
    if (rawQuery == null) {
      return;
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      check(name, name + value, name.endsWith("Expression") && !value.isEmpty() || isExpression(value));
    }
  }

  /** Throws for the first field of a JSON body that carries an expression or a NUL. */
  static void checkJson(JsonNode json) {
    walk(json, "", true);
  }

  /** Throws for the first NUL in a JSON body that may carry expressions (an administrator's stored filter). */
  static void checkJsonForNul(JsonNode json) {
    walk(json, "", false);
  }

  private static void walk(JsonNode node, String path, boolean evaluated) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
        boolean data = DATA.contains(field.getKey());
        boolean setsExpression = field.getKey().endsWith("Expression") && !field.getValue().isNull();
        check(at, field.getKey(), evaluated && !data && setsExpression);
        walk(field.getValue(), at, evaluated && !data);
      }
    } else if (node.isArray()) {
      node.forEach(element -> walk(element, path, evaluated));
    } else if (node.isTextual()) {
      check(path, node.asText(), evaluated && isExpression(node.asText()));
    }
  }

  private static void check(String field, String text, boolean expression) {
    if (text.indexOf('\0') >= 0) {
      throw new InvalidInputException(field, "A NUL character is not allowed");
    }
    if (expression) {
      throw new InvalidInputException(field, "A query may not carry an expression");
    }
  }

  private static boolean isExpression(String text) {
    return text.contains("${") || text.contains("#{");
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("query", "The query is not correctly encoded");
    }
  }
}
