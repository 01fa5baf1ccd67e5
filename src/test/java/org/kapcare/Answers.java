package org.kapcare;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kapcare.clinic.EngineClock;

/** What clinicians typically enter on each form, as Tasklist would submit it; tests change one thing at a time. */
public final class Answers {

  private Answers() {}

  public static Map<String, Object> referral(String patientId) {
    return map("patientId", patientId, "patientName", "Alex Example", "patientEmail", "alex@example.org",
        "patientPhone", "+442079460958", "primaryCondition", "TRD", "referralSource", "GP");
  }

  /** PHQ-9 19 (moderately severe), GAD-7 14 (moderate), C-SSRS all no; IV, 2 preparation sessions, 1 dose. */
  public static Map<String, Object> consultation() {
    Map<String, Object> answers = new HashMap<>();
    for (int i = 1; i <= 9; i++) {
      answers.put("phq9_" + i, i == 9 ? "0" : (i <= 3 ? "3" : "2"));
    }
    for (int i = 1; i <= 7; i++) {
      answers.put("gad7_" + i, "2");
    }
    for (String question : new String[] {"cssrs_1", "cssrs_2", "cssrs_6"}) {
      answers.put(question, "no");
    }
    answers.putAll(map("treatmentGoals", "Return to work", "route", "IV", "preparationSessions", 2, "plannedDoses", 1));
    return answers;
  }

  /**
   * A patient's check-in: PHQ-9 items 1 to 8 adding up to {@code phq9Total} minus item 9, each as
   * high as it goes in order, and every GAD-7 item "several days".
   */
  public static Map<String, Object> checkIn(int phq9Total, int item9) {
    Map<String, Object> answers = new HashMap<>();
    int left = phq9Total - item9;
    for (int i = 1; i <= 8; i++) {
      int item = Math.min(3, left);
      answers.put("phq9_" + i, String.valueOf(item));
      left -= item;
    }
    answers.put("phq9_9", String.valueOf(item9));
    for (int i = 1; i <= 7; i++) {
      answers.put("gad7_" + i, "1");
    }
    return answers;
  }

  /** Nothing that rules a patient out or needs clearance; 128/82, 72 bpm, 70 kg. */
  public static Map<String, Object> medicalHistory() {
    Map<String, Object> answers = new HashMap<>();
    for (String contraindication : new String[] {"aneurysmalVascularDisease", "arteriovenousMalformation",
        "intracerebralHaemorrhage", "ketamineHypersensitivity", "psychosis", "currentMania", "pregnant", "cardiacDisease",
        "substanceUseDisorder", "hepaticImpairment", "raisedIntracranialPressure", "hyperthyroidism",
        "interstitialCystitis", "opioidsOrBenzodiazepines"}) {
      answers.put(contraindication, false);
    }
    answers.putAll(map("currentMedications", "sertraline 100 mg", "baselineSystolicBp", 128, "baselineDiastolicBp", 82,
        "baselineHeartRate", 72, "weightKg", 70.0));
    return answers;
  }

  /** Vitals and preparation that let a dose go ahead, with the patient weighed (70 kg) as when the weight on file is old. */
  public static Map<String, Object> preDoseCheck() {
    return map("systolicBp", 126, "diastolicBp", 80, "heartRate", 74, "hoursSinceFood", 4.0, "rideHomeConfirmed", true,
        "sedativesToday", false, "newSafetyConcern", false, "weightTodayKg", 70.0, "spo2", 98);
  }

  /** 0.5 mg/kg: 35 mg for the 70 kg the drivers record, the dose {@link #administerDose()} gives. */
  public static Map<String, Object> orderDose() {
    return map("orderUnit", "mg/kg", "orderAmount", 0.5);
  }

  /** The dose ordered, started 75 minutes before the engine's clock: observed long enough by then for every route but esketamine. */
  public static Map<String, Object> administerDose() {
    return map("doseMg", 35.0, "lotNumber", "LOT-7731", "doseStartedAt", EngineClock.now().minus(Duration.ofMinutes(75))
        .truncatedTo(ChronoUnit.MINUTES).toString(), "adverseEvents", "", "seriousAdverseEvent", false);
  }

  /** One set of vitals during the observation, with nothing of concern. */
  public static Map<String, Object> vitals(String at, boolean readyForDischargeCheck) {
    return map("vitalsAt", at, "vitalsSystolicBp", 136, "vitalsDiastolicBp", 86, "vitalsHeartRate", 78, "vitalsSpo2", 97,
        "sedationPresent", false, "dissociationPresent", false, "respiratoryDepressionPresent", false,
        "readyForDischargeCheck", readyForDischargeCheck);
  }

  /**
   * The observation's readings from a dose's start until {@code until}: every 15 minutes, and one
   * at {@code until} unless the last fell on it, which is ready for the discharge check.
   */
  public static List<Map<String, Object>> readings(Instant start, Instant until) {
    List<Instant> times = new ArrayList<>();
    for (Instant at = start.plus(Duration.ofMinutes(15)); !at.isAfter(until); at = at.plus(Duration.ofMinutes(15))) {
      times.add(at);
    }
    if (times.isEmpty() || times.get(times.size() - 1).isBefore(until)) {
      times.add(until);
    }
    List<Map<String, Object>> readings = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      readings.add(vitals(times.get(i).toString(), i == times.size() - 1));
    }
    return readings;
  }

  /** What an IV dose's observation has recorded when it ends at {@code dischargedAt}: for a dose moved straight to its discharge check. */
  public static Map<String, Object> observedUntil(Instant dischargedAt) {
    return map("doseStartedAt", dischargedAt.minus(Duration.ofMinutes(90)).toString(), "lastVitalsAt",
        dischargedAt.minus(Duration.ofMinutes(10)).toString(), "vitalsReadings", 6, "longestVitalsGapSeconds", 900L,
        "peakBpMinute", 45);
  }

  public static Map<String, Object> dischargeCheck(String dischargedAt) {
    return map("sedationResolved", true, "dissociationResolved", true, "respiratoryDepressionResolved", true,
        "escortPresent", true, "systolicBpDischarge", 124, "diastolicBpDischarge", 80, "heartRateDischarge", 72,
        "spo2Discharge", 98, "dischargedAt", dischargedAt);
  }

  /** PHQ-9 follow-up answers that add up to {@code total} (at most 27). */
  public static Map<String, Object> followUp(int phq9Total, String nextStep) {
    Map<String, Object> answers = new HashMap<>();
    for (int i = 1; i <= 9; i++) {
      int item = Math.min(3, Math.max(0, phq9Total - 3 * (i - 1)));
      answers.put("followUpPhq9_" + i, String.valueOf(item));
    }
    for (int i = 1; i <= 7; i++) {
      answers.put("followUpGad7_" + i, "1");
    }
    answers.put("nextStep", nextStep);
    return answers;
  }

  /** A booking at 10:00 UTC that many days after the engine's clock: ahead, whatever day the tests run. */
  public static String daysAhead(int days) {
    return LocalDate.ofInstant(EngineClock.now(), ZoneOffset.UTC).plusDays(days) + "T10:00Z";
  }

  public static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
