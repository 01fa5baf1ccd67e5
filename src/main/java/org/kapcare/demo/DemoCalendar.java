package org.kapcare.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * When each demo patient was referred, so that the six months read as a steady clinic: referrals
 * spread evenly over them (and a lead-in before), the stories that end before today written whole, and those that reach
 * past today written as far as today, still under way (an evenly referred clinic has as many in
 * progress as that). The queues' own patients ({@link DemoStories#RUNNING_STAGES}) come on top,
 * each shortly before its next step, so that every queue has work today.
 */
final class DemoCalendar {

  static final Duration HISTORY = Duration.ofDays(182);
  /**
   * Referrals begin this long before the six months, so that their first weeks already hold the
   * doses and sessions of patients referred earlier, as a clinic's do.
   */
  static final Duration LEAD_IN = Duration.ofDays(45);
  /** A finished journey ended at least this long ago, so that its last check-in has closed too. */
  private static final Duration SETTLED = Duration.ofDays(1);

  private DemoCalendar() {}

  /** Written whole; written as far as today; or placed to wait in a queue today. */
  enum Kind { FINISHED, UNDER_WAY, STAGED }

  /** A patient's story, when it began, and how it is written. */
  record Patient(PatientStory story, Instant referral, Kind kind) {}

  /**
   * {@code finishedJourneys} whole stories and those under way beside them, then {@code staged}
   * more placed by {@code stagedReferral}; the same seed gives the same clinic.
   */
  static List<Patient> place(DemoStories stories, long seed, int finishedJourneys, int staged, Instant now,
      StagedReferral stagedReferral) {
    Random placement = new Random(seed);
    List<Patient> patients = new ArrayList<>();
    int patient = 0;
    for (int finished = 0; finished < finishedJourneys; patient++) {
      PatientStory story = stories.finished(patient);
      Instant referral = now.minus(HISTORY).minus(LEAD_IN).plus(fraction(placement, HISTORY.plus(LEAD_IN)));
      Duration sinceReferral = Duration.between(referral, now);
      if (story.length().plus(SETTLED).compareTo(sinceReferral) <= 0) {
        patients.add(new Patient(story, referral, Kind.FINISHED));
        finished++;
      } else {
        patients.add(new Patient(story.underWayAt(sinceReferral), referral, Kind.UNDER_WAY));
      }
    }
    for (int running = 0; running < staged; running++) {
      PatientStory story = stories.running(patient + running, running);
      patients.add(new Patient(story, now.minus(stagedReferral.sinceReferral(story, placement)), Kind.STAGED));
    }
    return patients;
  }

  /** How long before now a staged patient was referred: DemoClinic knows the integration windows. */
  interface StagedReferral {
    Duration sinceReferral(PatientStory story, Random placement);
  }

  static Duration fraction(Random random, Duration of) {
    return of.isNegative() ? Duration.ZERO : Duration.ofMinutes((long) (random.nextDouble() * of.toMinutes()));
  }
}
