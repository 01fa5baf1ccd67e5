package org.kapcare.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Writes one demo patient's journey the way a clinic lives it: who waits how long, which answers
 * they give, which branch they take. The shares (one missed window in ten, about one patient in
 * fourteen ruled out, ...) are the demo's, not clinical facts.
 */
final class StoryWriter {

  private static final String[] FIRST_NAMES = {"Alex", "Sam", "Jordan", "Robin", "Maya", "Owen", "Priya", "Tom",
      "Lena", "Ravi", "Grace", "Mateo", "Nadia", "Leo", "Hana", "Ben", "Zoe", "Idris", "Chloe", "Kofi"};
  private static final String[] LAST_NAMES = {"Ahmed", "Baker", "Chen", "Davies", "Evans", "Fischer", "Garcia",
      "Hughes", "Ivanova", "Jones", "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Quinn", "Rossi", "Smith",
      "Taylor"};
  private static final String[] CONTRAINDICATIONS = {"psychosis", "currentMania", "pregnant", "ketamineHypersensitivity"};
  private static final String[] NEEDS_CLEARANCE = {"cardiacDisease", "hyperthyroidism", "hepaticImpairment"};
  private static final String[] ALL_CHECKS = {"aneurysmalVascularDisease", "arteriovenousMalformation",
      "intracerebralHaemorrhage", "ketamineHypersensitivity", "psychosis", "currentMania", "pregnant", "cardiacDisease",
      "substanceUseDisorder", "hepaticImpairment", "raisedIntracranialPressure", "hyperthyroidism",
      "interstitialCystitis", "opioidsOrBenzodiazepines"};

  private final RandomGenerator random;
  private final String patientId;
  private final boolean mayWithdraw;
  private final List<StoryStep> steps = new ArrayList<>();
  /** Time since the referral of the latest step so far. */
  private Duration now = Duration.ZERO;
  private String route;
  private double weightKg;
  private int baselinePhq9;
  private int latestPhq9;
  private String condition;

  private StoryWriter(String patientId, RandomGenerator random, boolean mayWithdraw) {
    this.patientId = patientId;
    this.random = random;
    this.mayWithdraw = mayWithdraw;
  }

  static PatientStory write(String patientId, RandomGenerator random, boolean mayWithdraw) {
    StoryWriter writer = new StoryWriter(patientId, random, mayWithdraw);
    writer.journey();
    // Parallel branches (a REMS form, a manager's review) were written out of order.
    writer.steps.sort(Comparator.comparing(StoryStep::at));
    return new PatientStory(patientId, List.copyOf(writer.steps), writer.checkIns());
  }

  private void journey() {
    condition = pick("TRD", "TRD", "TRD", "TRD", "TRD", "TRD", "PTSD", "PTSD", "GAD", "OTHER");
    referral(condition);
    Duration consultationAt = book("scheduleConsultation", "consultationAt", hours(2, 48), days(3, 10));
    boolean safetyRisk = chance(0.06);
    route = pick("IV", "IV", "IV", "IV", "IM", "IM", "SUBLINGUAL", "SUBLINGUAL", "ESKETAMINE_NASAL", "ESKETAMINE_NASAL");
    int preparationSessions = pick(1, 2, 2, 2, 3);
    // Induction series as clinics commonly plan them; kept short enough for the demo to start within a minute.
    int plannedDoses = route.equals("ESKETAMINE_NASAL") ? pick(4, 6) : pick(3, 3, 4, 6);
    at(consultationAt, "consultation", consultation(condition, safetyRisk, preparationSessions, plannedDoses));
    if (safetyRisk) {
      boolean higherCare = chance(0.15);
      after(hours(1, 6), "urgentSafetyReview", Map.of(
          "safetyReviewOutcome", higherCare ? "refer-to-higher-care" : "continue",
          "safetyPlan", higherCare ? "Referred to the crisis team" : "Crisis line card, weekly check-in"));
      if (higherCare) {
        return;
      }
    }
    if (!eligible()) {
      after(hours(4, 48), "reviewIneligibility", Map.of("reviewIneligibilityOverride", false));
      after(days(1, 3), "referOut", Map.of("referredTo", pick("Community mental health team", "GP", "Perinatal team"),
          "referOutNote", ""));
      return;
    }
    if (withdraws()) {
      return;
    }
    after(days(1, 7), "informedConsent", Map.of("consentGiven", true, "consentFormVersion", "2026-03"));
    preparation(preparationSessions);
    if (withdraws()) {
      return;
    }
    for (int dose = 1; dose <= plannedDoses; dose++) {
      dose(dose);
      if (dose == plannedDoses / 2 && withdraws()) {
        return;
      }
    }
    int maintenanceDoses = followUp(true);
    for (int dose = 1; dose <= maintenanceDoses; dose++) {
      dose(dose);
    }
    if (maintenanceDoses > 0) {
      followUp(false);
    }
    after(days(1, 5), "dischargeSummary", Map.of(
        "dischargeDisposition", pick("primary-care", "primary-care", "continued-therapy", "other-clinic"),
        "dischargeNote", ""));
  }

  private void referral(String condition) {
    String first = pick(FIRST_NAMES);
    String last = pick(LAST_NAMES);
    step(now, StoryStep.REFERRAL, Map.of("patientId", patientId, "patientName", first + " " + last,
        // example.org and Ofcom's drama range: nobody real is mailed or called from the demo.
        "patientEmail", (first + "." + last + "@example.org").toLowerCase(),
        "patientPhone", "+447700900" + String.format("%03d", random.nextInt(1000)),
        "primaryCondition", condition,
        "referralSource", pick("GP", "GP", "Psychiatrist", "Self-referral", "Psychotherapist")));
  }

  private Map<String, Object> consultation(String condition, boolean safetyRisk, int preparationSessions,
      int plannedDoses) {
    baselinePhq9 = between(12, 24);
    latestPhq9 = baselinePhq9;
    Map<String, Object> answers = new HashMap<>(items("phq9_", 9, 8, baselinePhq9, 3));
    answers.put("phq9_9", safetyRisk ? "1" : "0");
    answers.putAll(items("gad7_", 7, 7, between(8, 18), 3));
    answers.putAll(Map.of("cssrs_1", "no", "cssrs_2", "no", "cssrs_6", "no"));
    if (condition.equals("PTSD")) {
      answers.putAll(items("pcl5_", 20, 20, between(30, 60), 4));
    }
    answers.putAll(Map.of("treatmentGoals", pick("Return to work", "Sleep through the night", "Reconnect with family"),
        "route", route, "preparationSessions", preparationSessions, "plannedDoses", plannedDoses));
    return answers;
  }

  /** The medical history, and clearance if it needs one; false when the patient is ruled out. */
  private boolean eligible() {
    Map<String, Object> history = new HashMap<>();
    for (String check : ALL_CHECKS) {
      history.put(check, false);
    }
    weightKg = between(52, 105);
    history.putAll(Map.of("currentMedications", pick("sertraline 100 mg", "none", "venlafaxine 150 mg", "bupropion 150 mg"),
        "baselineSystolicBp", between(108, 134), "baselineDiastolicBp", between(66, 86),
        "baselineHeartRate", between(58, 88), "weightKg", weightKg));
    double draw = random.nextDouble();
    boolean ruledOut = draw < 0.07;
    boolean needsClearance = !ruledOut && draw < 0.17;
    if (ruledOut) {
      history.put(pick(CONTRAINDICATIONS), true);
    } else if (needsClearance) {
      history.put(pick(NEEDS_CLEARANCE), true);
    }
    after(days(1, 5), "medicalHistory", history);
    if (!needsClearance) {
      return !ruledOut;
    }
    boolean granted = chance(0.85);
    after(days(3, 14), "medicalClearance", Map.of("medicalClearanceOutcome", granted ? "granted" : "refused",
        "clearedBy", "Dr Rowe, cardiology", "clearanceNote", ""));
    return granted;
  }

  /** Each session is booked, then held; one not yet ready adds a session, booked like the others. */
  private void preparation(int sessions) {
    for (int held = 0; held < sessions; held++) {
      boolean ready = held < sessions - 1 || !chance(0.08);
      if (!ready) {
        sessions++;
      }
      Duration sessionAt = book("schedulePreparation", "preparationAt", hours(2, 48), days(3, 7));
      at(sessionAt, "preparationSession", Map.of("preparationReadiness", ready ? "ready" : "not-yet-ready",
          "intentionsSet", true, "safetyPlanReviewed", true, "preparationMinutes", pick(50, 60, 60, 90)));
    }
  }

  private void dose(int doseNumber) {
    preDoseChecks();
    double mg = doseMg(doseNumber);
    after(minutes(5, 15), "orderDose", Map.of("orderUnit", "mg", "orderAmount", mg));
    Duration given = now.plus(minutes(10, 30));
    at(given, "administerDose", administered(mg, given));
    boolean esketamine = route.equals("ESKETAMINE_NASAL");
    Duration watched = minutes(esketamine ? 120 : 60, esketamine ? 150 : 100);
    observe(given, watched);
    Duration discharged = at(given.plus(watched), "dischargeCheck", Map.of(
        "dischargedAt", new StoryStep.At(given.plus(watched)), "sedationResolved", true, "dissociationResolved", true,
        "respiratoryDepressionResolved", true, "escortPresent", true, "systolicBpDischarge", between(112, 134),
        "diastolicBpDischarge", between(68, 84), "heartRateDischarge", between(60, 88), "spo2Discharge", between(95, 99)));
    Duration doseEnds = integration(discharged);
    if (esketamine) {
      Duration submitted = discharged.plus(days(1, 5));
      step(submitted, "submitRemsMonitoringForm", Map.of("remsSubmittedAt", new StoryStep.At(submitted),
          "remsConfirmation", "R-" + between(10000, 99999)));
      doseEnds = max(doseEnds, submitted);
    }
    now = doseEnds;
  }

  /** Books the dose and checks the patient on the day, booking again as often as the check postpones it. */
  private void preDoseChecks() {
    while (true) {
      Duration dosingAt = book("scheduleDosing", "dosingAt", hours(1, 24), days(2, 5), "rideHomeArranged", true);
      double draw = random.nextDouble();
      if (draw >= 0.12) {
        at(dosingAt, "preDoseCheck", vitals(between(112, 136), between(68, 86)));
        return;
      }
      if (draw >= 0.04) {
        at(dosingAt, "preDoseCheck", vitals(between(141, 156), between(84, 89)));
        boolean proceed = chance(0.85);
        after(minutes(15, 45), "prescriberReview", Map.of("prescriberDecision", proceed ? "proceed" : "postpone",
            "prescriberReason", proceed ? "Rechecked after 10 minutes' rest" : "Blood pressure stayed high"));
        if (proceed) {
          return;
        }
      } else {
        at(dosingAt, "preDoseCheck", vitals(between(162, 178), between(96, 108)));
        after(minutes(10, 30), "confirmPostponement", Map.of("confirmPostponementOverride", false));
      }
    }
  }

  private Map<String, Object> vitals(int systolic, int diastolic) {
    return Map.of("systolicBp", systolic, "diastolicBp", diastolic, "heartRate", between(60, 92),
        "hoursSinceFood", (double) between(4, 10), "rideHomeConfirmed", true, "sedativesToday", false,
        "newSafetyConcern", false, "weightTodayKg", weightKg, "spo2", between(95, 99));
  }

  /** Within the clinic's default protocol limits for each route, so no order is refused. */
  private double doseMg(int doseNumber) {
    return switch (route) {
      case "IV" -> Math.round((doseNumber == 1 ? 0.5 : pick(0.5, 0.6, 0.75)) * weightKg);
      case "IM" -> Math.round(0.75 * weightKg);
      // Lozenges of 50 mg, at most 4.5 mg/kg for light patients.
      case "SUBLINGUAL" -> Math.min(pick(150.0, 200.0, 250.0), 50 * Math.floor(4.5 * weightKg / 50));
      default -> doseNumber <= 2 ? 56.0 : pick(56.0, 84.0);
    };
  }

  /** The dose ordered, so no dose needs an override. */
  private Map<String, Object> administered(double mg, Duration startedAt) {
    boolean nausea = chance(0.15);
    return Map.of("doseMg", mg, "lotNumber", "LOT-" + between(1000, 9999), "doseStartedAt", new StoryStep.At(startedAt),
        "adverseEvents", nausea ? "Nausea, settled with ondansetron" : "", "seriousAdverseEvent", false);
  }

  /**
   * Vitals while the patient is watched for {@code watched} after the dose started at {@code given}:
   * every 10 to 15 minutes after IV and IM doses, otherwise once near the blood pressure's peak;
   * the last, at the end, sends the nurse to the discharge check.
   */
  private void observe(Duration given, Duration watched) {
    boolean everyQuarterHour = route.equals("IV") || route.equals("IM");
    Duration taken = Duration.ZERO;
    while (true) {
      Duration next = everyQuarterHour ? taken.plus(minutes(10, 15)) : taken.isZero() ? minutes(35, 45) : watched;
      if (next.compareTo(watched) >= 0) {
        break;
      }
      at(given.plus(next), "recordVitals", vitalsAt(given.plus(next), chance(0.25), false));
      taken = next;
    }
    at(given.plus(watched), "recordVitals", vitalsAt(given.plus(watched), false, true));
  }

  private Map<String, Object> vitalsAt(Duration at, boolean effects, boolean ready) {
    return Map.of("vitalsAt", new StoryStep.At(at), "vitalsSystolicBp", between(118, 150), "vitalsDiastolicBp", between(72, 92),
        "vitalsHeartRate", between(64, 96), "vitalsSpo2", between(94, 99), "sedationPresent", effects && chance(0.5),
        "dissociationPresent", effects, "respiratoryDepressionPresent", false, "readyForDischargeCheck", ready);
  }

  /**
   * The integration session after discharge: nine in ten inside the window; the tenth is booked
   * too late or missed, reviewed by a manager after the deadline, and held late. Returns when it
   * was held.
   */
  private Duration integration(Duration discharged) {
    Duration deadline = discharged.plus(Duration.ofHours(48));
    if (!chance(0.10)) {
      Duration sessionAt = discharged.plus(hours(18, 44));
      after(hours(1, 8), "scheduleIntegration", Map.of("integrationAt", new StoryStep.At(sessionAt)));
      return session(sessionAt);
    }
    Duration sessionAt;
    if (chance(0.5)) {
      Duration booked = discharged.plus(hours(50, 70));
      sessionAt = booked.plus(hours(2, 24));
      step(booked, "scheduleIntegration", Map.of("integrationAt", new StoryStep.At(sessionAt)));
    } else {
      Duration planned = discharged.plus(hours(30, 44));
      sessionAt = deadline.plus(hours(4, 32));
      after(hours(1, 8), "scheduleIntegration", Map.of("integrationAt", new StoryStep.At(planned)));
    }
    step(deadline.plus(hours(4, 30)), "reviewMissedIntegration", Map.of(
        "missedWindowCause", pick("scheduling", "patient-unavailable", "therapist-unavailable"),
        "missedWindowAction", pick("Book before discharge", "Second therapist on call", "Reminder call the day after")));
    return session(sessionAt);
  }

  private Duration session(Duration sessionAt) {
    step(sessionAt, "integrationSession", Map.of("integrationFormat", pick("in-person", "in-person", "video"),
        "integrationMinutes", pick(45, 60, 60, 90), "followUpNeeded", chance(0.2)));
    return sessionAt;
  }

  /** The follow-up assessment; returns how many maintenance doses the prescriber chooses, 0 for discharge. */
  private int followUp(boolean mayContinue) {
    Duration followUpAt = book("scheduleFollowUp", "followUpAt", hours(2, 48), days(14, 28));
    double draw = random.nextDouble();
    // About a third in remission, a quarter more responding, the rest not (yet) responding.
    int phq9 = draw < 0.33 ? between(1, 4) : draw < 0.58 ? between(5, baselinePhq9 / 2) : between(baselinePhq9 / 2 + 1,
        baselinePhq9);
    latestPhq9 = phq9;
    boolean maintenance = mayContinue && phq9 >= 5 && chance(0.3);
    Map<String, Object> answers = new HashMap<>(items("followUpPhq9_", 9, 8, phq9, 3));
    answers.putAll(items("followUpGad7_", 7, 7, Math.max(0, phq9 - 3), 3));
    int maintenanceDoses = maintenance ? pick(1, 2) : 0;
    answers.put("nextStep", maintenance ? "maintenance" : "discharge");
    if (maintenance) {
      answers.put("maintenanceDoses", maintenanceDoses);
    }
    at(followUpAt, "followUpAssessment", answers);
    return maintenanceDoses;
  }

  /**
   * The patient's replies to as many check-ins as a journey can send: four in five answered within
   * a day, PHQ-9 easing from the baseline towards the follow-up's with a little noise. Never a rise
   * of five nor thoughts of self-harm, which would open reviews the story does not hold.
   */
  private List<CheckInReply> checkIns() {
    List<CheckInReply> replies = new ArrayList<>();
    int count = 24;
    for (int i = 0; i < count; i++) {
      int trend = baselinePhq9 + (latestPhq9 - baselinePhq9) * Math.min(i, 8) / 8;
      int phq9 = Math.max(0, Math.min(baselinePhq9 + 4, trend + between(-2, 2)));
      Map<String, Object> answers = new HashMap<>(items("phq9_", 9, 8, phq9, 3));
      answers.putAll(items("gad7_", 7, 7, Math.max(0, phq9 - between(2, 5)), 3));
      if (condition.equals("PTSD")) {
        answers.putAll(items("pcl5_", 20, 20, between(15, 45), 4));
      }
      replies.add(new CheckInReply(chance(0.8), hours(1, 20), Map.copyOf(answers)));
    }
    return List.copyOf(replies);
  }

  /** About one patient in twenty withdraws, at one of three points; a coordinator closes the case. */
  private boolean withdraws() {
    if (!mayWithdraw || !chance(0.018)) {
      return false;
    }
    after(days(1, 10), StoryStep.WITHDRAWAL, Map.of());
    after(hours(2, 48), "closeCase", Map.of("withdrawalReason", pick("patient-choice", "moved", "cost"),
        "closeCaseNote", ""));
    return true;
  }

  /** A coordinator books an appointment {@code ahead} of the booking; returns the appointment's time. */
  private Duration book(String activityId, String field, Duration wait, Duration ahead, Object... more) {
    Duration appointment = now.plus(wait).plus(ahead);
    Map<String, Object> values = new HashMap<>(Map.of(field, new StoryStep.At(appointment)));
    for (int i = 0; i < more.length; i += 2) {
      values.put((String) more[i], more[i + 1]);
    }
    after(wait, activityId, values);
    return appointment;
  }

  private Duration after(Duration wait, String activityId, Map<String, Object> values) {
    return at(now.plus(wait), activityId, values);
  }

  private Duration at(Duration at, String activityId, Map<String, Object> values) {
    step(at, activityId, values);
    now = max(now, at);
    return at;
  }

  /** A step on a parallel branch: it does not move the main line's time on. */
  private void step(Duration at, String activityId, Map<String, Object> values) {
    steps.add(new StoryStep(at, activityId, values));
  }

  /** Questionnaire answers "0".."max" on items 1..count that add up to {@code total}, spread over the first {@code scored}. */
  private Map<String, Object> items(String prefix, int count, int scored, int total, int max) {
    int[] item = new int[count];
    for (int left = Math.min(total, scored * max); left > 0; ) {
      int i = random.nextInt(scored);
      if (item[i] < max) {
        item[i]++;
        left--;
      }
    }
    Map<String, Object> answers = new HashMap<>();
    for (int i = 0; i < count; i++) {
      answers.put(prefix + (i + 1), String.valueOf(item[i]));
    }
    return answers;
  }

  private boolean chance(double share) {
    return random.nextDouble() < share;
  }

  private int between(int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private Duration minutes(int low, int high) {
    return Duration.ofMinutes(between(low, high));
  }

  private Duration hours(int low, int high) {
    return Duration.ofMinutes(between(low * 60, high * 60));
  }

  private Duration days(int low, int high) {
    return hours(low * 24, high * 24);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
