package org.kapcare.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.kapcare.journey.InvalidInputException;

/**
 * The validation a Camunda Form declares (required, min/max, length, pattern, email and phone, the
 * listed options),
 * applied on the server to what was submitted, so that a REST call is held to the same rules as
 * the form in Tasklist. Read-only fields are not checked; a field shown only under a condition is
 * checked when the submitted values show it. The forms use two kinds of condition,
 * {@code =not(field)} and {@code =field != "value"}; any other is refused when the form is read,
 * so that a new kind cannot silently switch a field's checks off.
 */
public final class FormRules {

  /** form-js's own checks for these validation types, as plain patterns. */
  private static final Map<String, Pattern> VALIDATION_TYPES = Map.of(
      "email", Pattern.compile("[\\w.+-]+@([\\w-]+\\.)+[\\w-]{2,}"),
      "phone", Pattern.compile("\\+[1-9][0-9]{6,14}"));

  private static final Pattern HIDDEN_UNLESS_TICKED = Pattern.compile("=not\\((\\w+)\\)");
  private static final Pattern HIDDEN_UNLESS_EQUAL = Pattern.compile("=(\\w+) != \"([^\"]*)\"");

  /** A field and, if it is conditional, when it is shown. */
  private record Field(JsonNode component, Predicate<Map<String, ?>> shown) {}

  private final List<Field> fields = new ArrayList<>();

  public FormRules(JsonNode form) {
    collect(form.path("components"));
  }

  private void collect(JsonNode components) {
    for (JsonNode component : components) {
      boolean checked = component.hasNonNull("key") && !component.path("readonly").asBoolean()
          && !component.path("disabled").asBoolean();
      if (checked) {
        fields.add(new Field(component, shownWhen(component.path("conditional").path("hide").asText(""))));
      }
      collect(component.path("components"));
    }
  }

  private static Predicate<Map<String, ?>> shownWhen(String hide) {
    if (hide.isEmpty()) {
      return values -> true;
    }
    Matcher ticked = HIDDEN_UNLESS_TICKED.matcher(hide);
    if (ticked.matches()) {
      String flag = ticked.group(1);
      return values -> values.get(flag) != null && "true".equals(values.get(flag).toString());
    }
    Matcher equal = HIDDEN_UNLESS_EQUAL.matcher(hide);
    if (equal.matches()) {
      String field = equal.group(1);
      String value = equal.group(2);
      return values -> values.get(field) != null && value.equals(values.get(field).toString());
    }
    throw new IllegalStateException("Form condition not understood by the server's checks: " + hide);
  }

  /** Throws for the first field shown by {@code values} that breaks its form's rules. */
  public void check(Map<String, ?> values) {
    for (Field field : fields) {
      if (field.shown().test(values)) {
        check(field.component(), values.get(field.component().get("key").asText()));
      }
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
