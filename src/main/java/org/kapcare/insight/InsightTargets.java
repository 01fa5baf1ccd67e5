package org.kapcare.insight;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kapcare.insight.*}: the clinic's own targets, against which Cockpit colours each step of
 * the heatmap and draws the target line of its charts.
 *
 * @param steps per step (the models' task ids): {@code due-date} (finished by the due date the
 *     engine gave the task: the integration window, the REMS form's 7 days, the same day of an
 *     urgent safety review, a booking's working days), an ISO duration of time waiting for staff
 *     ({@code PT4H}), or {@code none}; merged over {@link #DEFAULT_STEPS}
 * @param appointmentSteps steps whose task waits for a booked appointment (its follow-up date, else
 *     its due date): the time until then is a planned wait, shown apart and never held against staff
 * @param toleratedShareOverTarget a step with no more than this share of its tasks over target
 *     shows as on target; over twice this share, as missing it
 * @param integrationInWindow the share of integration sessions a clinic means to hold in their window
 */
@ConfigurationProperties("kapcare.insight")
public record InsightTargets(
    @DefaultValue Map<String, String> steps,
    @DefaultValue({"consultation", "preparationSession", "followUpAssessment", "preDoseCheck", "prescriberReview",
        "confirmPostponement", "orderDose", "administerDose", "integrationSession"}) List<String> appointmentSteps,
    @DefaultValue("0.1") double toleratedShareOverTarget,
    @DefaultValue("0.9") double integrationInWindow) {

  public static final String DUE_DATE = "due-date";
  public static final String NONE = "none";

  /**
   * The protocol's targets (due dates) and KAP Care's starting points for the rest: a step held at
   * an appointment is recorded within 4 hours of it; office work within 2 days; clearance from
   * another doctor within 14.
   */
  static final Map<String, String> DEFAULT_STEPS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> steps = new LinkedHashMap<>();
    for (String dueDate : List.of("integrationSession", "scheduleIntegration", "submitRemsMonitoringForm",
        "urgentSafetyReview", "scheduleConsultation", "schedulePreparation", "scheduleDosing", "scheduleFollowUp",
        "recordVitals", "confirmPostponementPrescriberAnswer", "administerDosePrescriberAnswer",
        "dischargeCheckPrescriberAnswer")) {
      steps.put(dueDate, DUE_DATE);
    }
    for (String atAppointment : List.of("consultation", "preparationSession", "followUpAssessment", "preDoseCheck",
        "prescriberReview", "confirmPostponement", "orderDose", "administerDose", "dischargeCheck")) {
      steps.put(atAppointment, "PT4H");
    }
    for (String office : List.of("medicalHistory", "informedConsent", "reviewIneligibility", "referOut", "closeCase")) {
      steps.put(office, "P2D");
    }
    steps.put("medicalClearance", "P14D");
    steps.put("reviewMissedIntegration", "P7D");
    steps.put("dischargeSummary", "P7D");
    return Map.copyOf(steps);
  }

  /**
   * Step ids are kept in lower case: an environment variable ({@code KAPCARE_INSIGHT_STEPS_MEDICALCLEARANCE})
   * cannot carry the model's camel case, and no two steps of the models differ by case alone.
   */
  public InsightTargets {
    Map<String, String> merged = new LinkedHashMap<>();
    DEFAULT_STEPS.forEach((step, target) -> merged.put(key(step), target));
    steps.forEach((step, target) -> merged.put(key(step), check(step, target.trim())));
    steps = Map.copyOf(merged);
    appointmentSteps = appointmentSteps.stream().map(InsightTargets::key).toList();
    if (!(toleratedShareOverTarget >= 0 && toleratedShareOverTarget < 1)) {
      throw StartRefused.setting("kapcare.insight.tolerated-share-over-target",
          "kapcare.insight.tolerated-share-over-target must be from 0 up to (not including) 1, was " + toleratedShareOverTarget);
    }
    if (!(integrationInWindow > 0 && integrationInWindow <= 1)) {
      throw StartRefused.setting("kapcare.insight.integration-in-window",
          "kapcare.insight.integration-in-window must be above 0 and at most 1, was " + integrationInWindow);
    }
  }

  /** The target as set, or a refusal naming the property as the clinic wrote it. */
  private static String check(String step, String target) {
    if (target.equals(DUE_DATE) || target.equals(NONE)) {
      return target;
    }
    try {
      if (!Duration.parse(target).isNegative() && !Duration.parse(target).isZero()) {
        return target;
      }
    } catch (DateTimeParseException e) {
      // refused below, in the clinic's words
    }
    String property = "kapcare.insight.steps." + step;
    throw StartRefused.setting(property, property + " must be due-date, none or a duration such as PT4H or P2D, was "
        + target);
  }

  /** The staff time allowed on {@code step}; null when its target is its due date or it has none. */
  public Duration staffTime(String step) {
    String target = steps.getOrDefault(key(step), NONE);
    return target.equals(DUE_DATE) || target.equals(NONE) ? null : Duration.parse(target);
  }

  public boolean byDueDate(String step) {
    return DUE_DATE.equals(steps.get(key(step)));
  }

  /** Whether {@code step}'s task waits for a booked appointment. */
  public boolean waitsForAppointment(String step) {
    return appointmentSteps.contains(key(step));
  }

  static String key(String step) {
    return step.toLowerCase(Locale.ROOT);
  }
}
