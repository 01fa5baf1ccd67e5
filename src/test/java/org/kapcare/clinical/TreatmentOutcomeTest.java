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
    assertThat(TreatmentOutcome.of(baseline, followUp)).isEqualTo(new TreatmentOutcome(change, response, remission));
  }
}
