package org.kapcare.clinical;

/**
 * Response (PHQ-9 down by at least the clinic's percentage from baseline, 50 by default) and
 * remission (PHQ-9 below the clinic's threshold, 5 by default).
 */
public record TreatmentOutcome(int phq9Change, boolean response, boolean remission) {

  public static TreatmentOutcome of(int baselinePhq9, int followUpPhq9, int responsePercent, int remissionBelow) {
    boolean response = baselinePhq9 > 0 && 100 * (baselinePhq9 - followUpPhq9) >= responsePercent * baselinePhq9;
    return new TreatmentOutcome(followUpPhq9 - baselinePhq9, response, followUpPhq9 < remissionBelow);
  }
}
