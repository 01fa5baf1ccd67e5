package org.kapcare.demo;

import java.util.List;
import java.util.SplittableRandom;

/** The demo clinic's patients: the same stories for the same seed, whatever order they are told in. */
final class DemoStories {

  /** Where the running journeys wait, so that every group's queue has work (about 40 in all). */
  static final List<String> RUNNING_STAGES = List.of(
      "scheduleConsultation", "scheduleConsultation", "scheduleConsultation", "scheduleConsultation",
      "consultation", "consultation", "consultation", "urgentSafetyReview",
      "medicalHistory", "medicalHistory", "medicalHistory", "medicalClearance", "medicalClearance",
      "reviewIneligibility", "referOut", "informedConsent", "informedConsent",
      "schedulePreparation", "schedulePreparation", "preparationSession", "preparationSession", "preparationSession",
      "scheduleDosing", "scheduleDosing", "preDoseCheck", "preDoseCheck", "prescriberReview",
      "orderDose", "administerDose", "recordVitals", "dischargeCheck", "scheduleIntegration", "scheduleIntegration",
      "integrationSession", "integrationSession", "integrationSession", "submitRemsMonitoringForm",
      "reviewMissedIntegration", "reviewMissedIntegration", "scheduleFollowUp", "followUpAssessment",
      "dischargeSummary");

  private final long seed;

  DemoStories(long seed) {
    this.seed = seed;
  }

  PatientStory finished(int patient) {
    return StoryWriter.write(patientId(patient), random(seed * 7919 + patient), true);
  }

  /** A story that reaches its stage, cut there: the patient waits at it now. */
  PatientStory running(int patient, int runningIndex) {
    String stage = RUNNING_STAGES.get(runningIndex % RUNNING_STAGES.size());
    for (int attempt = 0; attempt < 10_000; attempt++) {
      PatientStory story = StoryWriter.write(patientId(patient),
          random(seed * 7919 + patient * 1_000_003L + attempt), false);
      if (story.reaches(stage)) {
        return story.waitingAt(stage);
      }
    }
    throw new IllegalStateException("no demo story reaches " + stage);
  }

  /** Neighbouring seeds give unrelated draws here, unlike java.util.Random, whose first draws follow the seed. */
  private static SplittableRandom random(long seed) {
    return new SplittableRandom(seed);
  }

  private static String patientId(int patient) {
    return "P-" + (1001 + patient);
  }
}
