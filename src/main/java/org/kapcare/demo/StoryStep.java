package org.kapcare.demo;

import java.time.Duration;
import java.util.Map;

/**
 * One thing that happens in a demo patient's journey, {@code at} a time after the referral: a task
 * completed with these answers, the referral itself, or the patient withdrawing.
 */
record StoryStep(Duration at, String activityId, Map<String, Object> values) {

  static final String REFERRAL = "referral";
  static final String WITHDRAWAL = "withdrawal";

  /** A form value that is a time in the story (an appointment), written as a date-time once the story is placed. */
  record At(Duration at) {
  }
}
