package org.kapcare.clinical;

/** Response (PHQ-9 down by half or more from baseline) and remission (PHQ-9 below 5). */
public record TreatmentOutcome(int phq9Change, boolean response, boolean remission) {

  public static TreatmentOutcome of(int baselinePhq9, int followUpPhq9) {
    boolean response = baselinePhq9 > 0 && 2 * (baselinePhq9 - followUpPhq9) >= baselinePhq9;
    return new TreatmentOutcome(followUpPhq9 - baselinePhq9, response, followUpPhq9 < 5);
  }
}
