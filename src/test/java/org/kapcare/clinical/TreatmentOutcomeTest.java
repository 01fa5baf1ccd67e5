package org.kapcare.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Response is a PHQ-9 fall of half or more from baseline; remission is PHQ-9 below 5. */
class TreatmentOutcomeTest {

  @ParameterizedTest(name = "{0} -> {1}: change {2}, response {3}, remission {4}")
  @CsvSource({"20,10,-10,true,false", "20,11,-9,false,false", "19,9,-10,true,false", "19,10,-9,false,false",
      "10,4,-6,true,true", "10,5,-5,true,false", "4,4,0,false,true", "0,0,0,false,true", "12,16,4,false,false"})
  void responseAndRemission(int baseline, int followUp, int change, boolean response, boolean remission) {
    assertThat(TreatmentOutcome.of(baseline, followUp, 50, 5)).isEqualTo(new TreatmentOutcome(change, response, remission));
  }

  /** A clinic that counts response from a 40 % fall and remission below 10 (settings, not code). */
  @ParameterizedTest(name = "{0} -> {1}: response {2}, remission {3}")
  @CsvSource({"20,12,true,false", "20,13,false,false", "15,9,true,true", "15,10,false,false"})
  void theThresholdsAreTheClinics(int baseline, int followUp, boolean response, boolean remission) {
    TreatmentOutcome outcome = TreatmentOutcome.of(baseline, followUp, 40, 10);
    assertThat(outcome.response()).isEqualTo(response);
    assertThat(outcome.remission()).isEqualTo(remission);
  }
}
