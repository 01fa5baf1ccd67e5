package org.kapcare.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcare.forms.InvalidInputException;

/** PHQ-9 and GAD-7 severity bands at every boundary (docs/clinical.md), and refusal of bad answers. */
class RatingScaleTest {

  @ParameterizedTest(name = "PHQ-9 {0} is {1}")
  @CsvSource({"0,minimal", "4,minimal", "5,mild", "9,mild", "10,moderate", "14,moderate", "15,moderately-severe",
      "19,moderately-severe", "20,severe", "27,severe"})
  void phq9Bands(int total, String severity) {
    RatingScale.Score score = RatingScale.PHQ9.score((answers("phq9", 9, total)), "phq9");
    assertThat(score.total()).isEqualTo(total);
    assertThat(score.severity()).isEqualTo(severity);
  }

  @ParameterizedTest(name = "GAD-7 {0} is {1}")
  @CsvSource({"0,minimal", "4,minimal", "5,mild", "9,mild", "10,moderate", "14,moderate", "15,severe", "21,severe"})
  void gad7Bands(int total, String severity) {
    RatingScale.Score score = RatingScale.GAD7.score((answers("gad7", 7, total)), "gad7");
    assertThat(score.total()).isEqualTo(total);
    assertThat(score.severity()).isEqualTo(severity);
  }

  @ParameterizedTest(name = "PCL-5 {0}")
  @CsvSource({"0", "32", "33", "80"})
  void pcl5HasATotalAndNoBands(int total) {
    Map<String, Object> answers = new HashMap<>();
    for (int i = 1; i <= 20; i++) {
      answers.put("pcl5_" + i, String.valueOf(Math.min(4, Math.max(0, total - 4 * (i - 1)))));
    }
    RatingScale.Score score = RatingScale.PCL5.score(answers, "pcl5");
    assertThat(score.total()).isEqualTo(total);
    assertThat(score.severity()).isNull();
  }

  @ParameterizedTest(name = "item answer {0} is refused")
  @CsvSource({"4", "-1", "1.5", "often"})
  void answersOutsideZeroToThreeAreRefusedNamingTheItem(String answer) {
    Map<String, Object> answers = answers("phq9", 9, 0);
    answers.put("phq9_4", answer);
    assertThatThrownBy(() -> RatingScale.PHQ9.score((answers), "phq9"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("phq9_4");
  }

  @ParameterizedTest(name = "missing item {0}")
  @CsvSource({"phq9_1", "phq9_9"})
  void aMissingAnswerIsRefused(String item) {
    Map<String, Object> answers = answers("phq9", 9, 5);
    answers.remove(item);
    assertThatThrownBy(() -> RatingScale.PHQ9.score((answers), "phq9"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("is required (field " + item + ")");
  }

  /** Answers, as Tasklist submits them (strings), adding up to {@code total}. */
  private static Map<String, Object> answers(String prefix, int items, int total) {
    Map<String, Object> answers = new HashMap<>();
    for (int i = 1; i <= items; i++) {
      answers.put(prefix + "_" + i, String.valueOf(Math.min(3, Math.max(0, total - 3 * (i - 1)))));
    }
    return answers;
  }
}
