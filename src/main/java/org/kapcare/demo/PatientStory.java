package org.kapcare.demo;

import java.time.Duration;
import java.util.List;

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
