package org.kapcare.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.kapcare.journey.InvalidInputException;

/**
 * The validation a Camunda Form declares (required, min/max, length, pattern, email and phone, the
 * listed options),
 * applied on the server to what was submitted, so that a REST call is held to the same rules as
 * the form in Tasklist. Read-only fields and fields shown only under a condition are left to the
 * code that reads them, which knows when they apply.
 */
public final class FormRules {

  /** form-js's own checks for these validation types, as plain patterns. */
  private static final Map<String, Pattern> VALIDATION_TYPES = Map.of(
      "email", Pattern.compile("[\\w.+-]+@([\\w-]+\\.)+[\\w-]{2,}"),
      "phone", Pattern.compile("\\+[1-9][0-9]{6,14}"));

  private final List<JsonNode> fields = new ArrayList<>();

  public FormRules(JsonNode form) {
    collect(form.path("components"));
  }

  private void collect(JsonNode components) {
    for (JsonNode component : components) {
      boolean checked = component.hasNonNull("key") && !component.path("readonly").asBoolean()
          && !component.path("disabled").asBoolean() && !component.has("conditional");
      if (checked) {
        fields.add(component);
      }
      collect(component.path("components"));
    }
  }

  /** Throws for the first field that breaks its form's rules. */
  public void check(Map<String, ?> values) {
    for (JsonNode field : fields) {
      check(field, values.get(field.get("key").asText()));
    }
  }

  private static void check(JsonNode field, Object value) {
    String key = field.get("key").asText();
    String label = field.path("label").asText(key);
    JsonNode rules = field.path("validate");
    boolean empty = value == null || value.toString().isBlank();
    if (empty) {
      if (rules.path("required").asBoolean()) {
        throw new InvalidInputException(key, label + " is required");
      }
      return;
    }
    switch (field.path("type").asText()) {
      case "number" -> checkNumber(key, label, rules, value);
      case "checkbox" -> {
        if (rules.path("required").asBoolean() && !Boolean.TRUE.equals(value) && !"true".equals(value.toString())) {
          throw new InvalidInputException(key, label + " must be ticked");
        }
      }
      case "radio", "select" -> checkOption(key, label, field.path("values"), value);
      default -> checkText(key, label, field.path("description").asText(""), rules, value.toString());
    }
  }

  private static void checkNumber(String key, String label, JsonNode rules, Object value) {
    double number;
    try {
      number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(key, label + " must be a number, was " + value);
    }
    boolean tooLow = rules.has("min") && number < rules.get("min").asDouble();
    boolean tooHigh = rules.has("max") && number > rules.get("max").asDouble();
    if (tooLow || tooHigh) {
      throw new InvalidInputException(key, label + " must be from " + rules.path("min").asText("any") + " to "
          + rules.path("max").asText("any") + ", was " + value);
    }
  }

  private static void checkOption(String key, String label, JsonNode options, Object value) {
    if (options.isArray() && options.size() > 0 && StreamSupport.stream(options.spliterator(), false)
        .noneMatch(option -> option.path("value").asText().equals(value.toString()))) {
      List<String> allowed = StreamSupport.stream(options.spliterator(), false).map(o -> o.path("value").asText()).toList();
      throw new InvalidInputException(key, label + " must be one of " + allowed + ", was " + value);
    }
  }

  private static void checkText(String key, String label, String help, JsonNode rules, String text) {
    if (rules.has("minLength") && text.length() < rules.get("minLength").asInt()
        || rules.has("maxLength") && text.length() > rules.get("maxLength").asInt()) {
      throw new InvalidInputException(key, label + " must be " + rules.path("minLength").asInt(0) + " to "
          + rules.path("maxLength").asText("any") + " characters long");
    }
    Pattern type = VALIDATION_TYPES.get(rules.path("validationType").asText());
    if (type != null && !type.matcher(text).matches()) {
      throw new InvalidInputException(key, label + " '" + text + "' is not a valid " + rules.get("validationType").asText()
          + (help.isEmpty() ? "" : ": " + help));
    }
    if (rules.hasNonNull("pattern") && !Pattern.compile(rules.get("pattern").asText()).matcher(text).matches()) {
      throw new InvalidInputException(key, label + " '" + text + "' does not have the expected form"
          + (help.isEmpty() ? " (" + rules.get("pattern").asText() + ")" : ": " + help));
    }
  }
}
