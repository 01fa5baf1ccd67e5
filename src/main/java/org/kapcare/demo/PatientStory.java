package org.kapcare.demo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A demo patient's journey from referral on, in the order it happens, and how they answer their
 * check-ins, the first reply for the first check-in sent, and so on.
 */
record PatientStory(String patientId, List<StoryStep> steps, List<CheckInReply> checkIns) {

  Duration length() {
    return steps.get(steps.size() - 1).at();
  }

  boolean reaches(String activityId) {
    return steps.stream().anyMatch(step -> step.activityId().equals(activityId));
  }

  /** The story up to, not including, the first time {@code activityId} is done: the patient is waiting there. */
  PatientStory waitingAt(String activityId) {
    int stage = 0;
    while (!steps.get(stage).activityId().equals(activityId)) {
      stage++;
    }
    return new PatientStory(patientId, steps.subList(0, stage + 1), checkIns);
  }

  /**
   * The story as far as it has come {@code sinceReferral} after the referral: the steps done by then,
   * and the next, which the patient waits for now.
   */
  PatientStory underWayAt(Duration sinceReferral) {
    int next = 1;
    while (next < steps.size() - 1 && steps.get(next).at().compareTo(sinceReferral) <= 0) {
      next++;
    }
    return new PatientStory(patientId, steps.subList(0, next + 1), checkIns);
  }

  /** The same patient waiting one step earlier; empty when only the referral would be left done. */
  Optional<PatientStory> oneStepEarlier() {
    return steps.size() <= 2 ? Optional.empty()
        : Optional.of(new PatientStory(patientId, steps.subList(0, steps.size() - 1), checkIns));
  }

  /** The step the patient waits for in a story cut by {@link #waitingAt}. */
  StoryStep next() {
    return steps.get(steps.size() - 1);
  }

  /** The last step at {@code activityId}. */
  StoryStep last(String activityId) {
    return steps.stream().filter(step -> step.activityId().equals(activityId)).reduce((first, second) -> second)
        .orElseThrow(() -> new IllegalArgumentException(patientId + " never reaches " + activityId));
  }

  List<StoryStep> done() {
    return steps.subList(0, steps.size() - 1);
  }
}
