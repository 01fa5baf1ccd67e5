package org.kapcare.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcare.forms.InvalidInputException;

/** C-SSRS screener risk levels and skip logic (docs/clinical.md). "-" means the question was not asked. */
class SuicideRiskScreenTest {

  @ParameterizedTest(name = "{0} {1} {2} {3} {4} {5} {6} -> {7}")
  @CsvSource({
      "no,  no,  -,   -,   -,   no,  -,   none,     false",
      "yes, no,  -,   -,   -,   no,  -,   low,      true",
      "no,  yes, no,  no,  no,  no,  -,   low,      true",
      "yes, yes, yes, no,  no,  no,  -,   moderate, true",
      "no,  no,  -,   -,   -,   yes, no,  moderate, false",
      "yes, yes, no,  yes, no,  no,  -,   high,     true",
      "yes, yes, yes, no,  yes, no,  -,   high,     true",
      "no,  no,  -,   -,   -,   yes, yes, high,     false",
      // 3 to 5 are only asked after yes to 2: stray answers to them do not count
      "yes, no,  yes, yes, yes, no,  -,   low,      true",
  })
  void riskLevels(String q1, String q2, String q3, String q4, String q5, String q6, String q6Recent, String risk,
      boolean ideation) {
    SuicideRiskScreen.Result result = SuicideRiskScreen.assess((answers(q1, q2, q3, q4, q5, q6, q6Recent)));
    assertThat(result.risk().code()).isEqualTo(risk);
    assertThat(result.ideation()).isEqualTo(ideation);
  }

  @Test
  void theFollowUpQuestionsAreRequiredOnceTheyApply() {
    assertThatThrownBy(() -> SuicideRiskScreen.assess((answers("no", "yes", "no", "-", "no", "no", "-"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cssrs_4");
    assertThatThrownBy(() -> SuicideRiskScreen.assess((answers("no", "no", "-", "-", "-", "yes", "-"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cssrs_6_recent");
  }

  private static Map<String, Object> answers(String... values) {
    Map<String, Object> answers = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      if (!"-".equals(values[i])) {
        answers.put(SuicideRiskScreen.QUESTIONS.get(i), values[i]);
      }
    }
    return answers;
  }
}
