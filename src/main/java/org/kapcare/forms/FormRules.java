package org.kapcare.forms;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.EngineClock;

/**
 * The validation a Camunda Form declares (required, min/max, length, pattern, email and phone, the
 * listed options),
 * applied on the server to what was submitted, so that a REST call is held to the same rules as
 * the form in Tasklist. Read-only fields are not checked; a field shown only under a condition is
 * required only when the submitted values show it, and a value sent for it is checked either way. The forms use two kinds of condition,
 * {@code =not(field)} and {@code =field != "value"}; any other is refused when the form is read,
 * so that a new kind cannot silently switch a field's checks off.
 */
public final class FormRules {

  /** form-js's own checks for these validation types, as plain patterns. */
  private static final Map<String, Pattern> VALIDATION_TYPES = Map.of(
      "email", Pattern.compile("[\\w.+-]+@([\\w-]+\\.)+[\\w-]{2,}"),
      "phone", Pattern.compile("\\+[1-9][0-9]{6,14}"));

  /** A variable a text shows, {@code {{patientName}}}, or shows only when set, {@code {{#if safetyConcern}}}. */
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(?:#if\\s+)?([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern HIDDEN_UNLESS_TICKED = Pattern.compile("=not\\((\\w+)\\)");
  private static final Pattern HIDDEN_WHEN_TICKED = Pattern.compile("=(\\w+)");
  private static final Pattern HIDDEN_UNLESS_EQUAL = Pattern.compile("=(\\w+) != \"([^\"]*)\"");

  /** A field and, if it is conditional, when it is shown. */
  private record Field(JsonNode component, Predicate<Map<String, ?>> shown) {}

  private final List<Field> fields = new ArrayList<>();
  /** Every field the form declares, with its key; read-only ones show a value and take none. */
  private final Map<String, Boolean> readOnlyByKey = new HashMap<>();
  /** What the form shows besides its fields: {@code {{patientName}}} in a text, a field a condition reads. */
  private final Set<String> shown = new HashSet<>();

  private final ClinicProperties clinic;

  /** The clinic's zone decides where "today" starts for a booking ({@code disallowPassedDates}). */
  public FormRules(JsonNode form, ClinicProperties clinic) {
    this.clinic = clinic;
    collect(form.path("components"));
  }

  private void collect(JsonNode components) {
    for (JsonNode component : components) {
      Matcher template = TEMPLATE.matcher(component.path("text").asText(""));
      while (template.find()) {
        shown.add(template.group(1));
      }
      if (component.hasNonNull("key")) {
        boolean readOnly = component.path("readonly").asBoolean() || component.path("disabled").asBoolean();
        readOnlyByKey.merge(component.get("key").asText(), readOnly, Boolean::logicalAnd);
        if (!readOnly) {
          fields.add(new Field(component, shownWhen(component.path("conditional").path("hide").asText(""))));
        }
      }
      collect(component.path("components"));
    }
  }

  /** Whether the form has a field named {@code key}. */
  public boolean declares(String key) {
    return readOnlyByKey.containsKey(key);
  }

  /** The variables the form shows or reads: its fields, what its texts name, what its conditions read. */
  public Set<String> shownVariables() {
    Set<String> variables = new HashSet<>(shown);
    variables.addAll(readOnlyByKey.keySet());
    return variables;
  }

  /** The fields a person fills in: every key that is not only shown for reference. */
  public Set<String> entries() {
    Set<String> entries = new HashSet<>();
    readOnlyByKey.forEach((key, readOnly) -> {
      if (!readOnly) {
        entries.add(key);
      }
    });
    return entries;
  }

  /** Whether {@code key} is only shown on the form, for reference: a submission may not change it. */
  public boolean readOnly(String key) {
    return readOnlyByKey.getOrDefault(key, false);
  }

  private Predicate<Map<String, ?>> shownWhen(String hide) {
    if (hide.isEmpty()) {
      return values -> true;
    }
    Matcher ticked = HIDDEN_UNLESS_TICKED.matcher(hide);
    if (ticked.matches()) {
      String flag = ticked.group(1);
      shown.add(flag);
      return values -> values.get(flag) != null && "true".equals(values.get(flag).toString());
    }
    Matcher unticked = HIDDEN_WHEN_TICKED.matcher(hide);
    if (unticked.matches()) {
      String flag = unticked.group(1);
      shown.add(flag);
      // Shown unless ticked: a submission that leaves the box out is held to every rule of the fields.
      return values -> values.get(flag) == null || !"true".equals(values.get(flag).toString());
    }
    Matcher equal = HIDDEN_UNLESS_EQUAL.matcher(hide);
    if (equal.matches()) {
      String field = equal.group(1);
      shown.add(field);
      String value = equal.group(2);
      return values -> values.get(field) != null && value.equals(values.get(field).toString());
    }
    throw new IllegalStateException("Form condition not understood by the server's checks: " + hide);
  }

  /**
   * Throws for the first field shown by {@code values} that breaks its form's rules. Returns the
   * date-times among them that were sent in another form than ISO-8601 (Camunda's REST format), as
   * ISO-8601, for the caller to keep, so that every later step reads them as this check did.
   */
  public Map<String, Object> check(Map<String, ?> values) {
    Map<String, Object> normalized = new HashMap<>();
    for (Field field : fields) {
      String key = field.component().get("key").asText();
      Object value = values.get(key);
      // A hidden field asks for nothing, but a value sent for it anyway is held to its rules all the same.
      if (field.shown().test(values) || value != null && !value.toString().isBlank()) {
        check(field.component(), value);
        if ("datetime".equals(field.component().path("type").asText()) && value != null && !value.toString().isBlank()) {
          String iso = FormValues.isoDateTime(key, value);
          if (!iso.equals(value)) {
            normalized.put(key, iso);
          }
        }
      }
    }
    return normalized;
  }

  private void check(JsonNode field, Object value) {
    String key = field.get("key").asText();
    String label = field.path("label").asText(field.path("dateLabel").asText(key));
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
      case "datetime" -> checkDateTime(key, label, value, field.path("disallowPassedDates").asBoolean());
      case "checkbox" -> {
        boolean ticked = "true".equals(value.toString());
        if (!ticked && !"false".equals(value.toString())) {
          throw new InvalidInputException(key, label + " must be ticked or not, was " + value);
        }
        if (rules.path("required").asBoolean() && !ticked) {
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
      number = FormValues.number(key, value);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(key, label + " must be a number, was " + value);
    }
    boolean tooLow = rules.has("min") && number < rules.get("min").asDouble();
    boolean tooHigh = rules.has("max") && number > rules.get("max").asDouble();
    if (tooLow || tooHigh) {
      throw new InvalidInputException(key, label + " must be from " + rules.path("min").asText("any") + " to "
          + rules.path("max").asText("any") + ", was " + value);
    }
  }

  /**
   * A date-time, read strictly. A booking ({@code disallowPassedDates}, which also greys out past days
   * in form-js's picker) is today or later in the clinic's zone: a session held earlier today can
   * still be recorded, a dosing booked yesterday cannot, nor instructions sent for it.
   */
  private void checkDateTime(String key, String label, Object value, boolean noPastDays) {
    Instant at;
    try {
      at = FormValues.instant(key, value);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(key, label + " must be a date and time such as 2026-11-23T10:00Z, was " + value);
    }
    Instant today = EngineClock.now().atZone(clinic.timeZone()).toLocalDate().atStartOfDay(clinic.timeZone()).toInstant();
    if (noPastDays && at.isBefore(today)) {
      throw new InvalidInputException(key, label + " cannot be before today; " + clinic.readable(at) + " has passed");
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
