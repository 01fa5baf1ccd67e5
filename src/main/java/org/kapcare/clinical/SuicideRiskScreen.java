package org.kapcare.clinical;

import java.util.List;
import java.util.Map;
import org.kapcare.forms.FormValues;

/**
 * The C-SSRS screener. Questions 1, 2 and 6 are always asked; 3 to 5 only when 2 is yes, and the
 * "past 3 months" follow-up only when 6 is yes. Answers to questions that were not asked are ignored.
 */
public final class SuicideRiskScreen {

  public static final List<String> QUESTIONS =
      List.of("cssrs_1", "cssrs_2", "cssrs_3", "cssrs_4", "cssrs_5", "cssrs_6", "cssrs_6_recent");

  public enum Risk {
    NONE, LOW, MODERATE, HIGH;

    public String code() {
      return name().toLowerCase();
    }
  }

  public record Result(Risk risk, boolean ideation) {}

  private SuicideRiskScreen() {}

  public static Result assess(Map<String, ?> answers) {
    boolean wishDead = FormValues.yes(answers, "cssrs_1");
    boolean thoughts = FormValues.yes(answers, "cssrs_2");
    boolean method = thoughts && FormValues.yes(answers, "cssrs_3");
    boolean intent = thoughts && FormValues.yes(answers, "cssrs_4");
    boolean plan = thoughts && FormValues.yes(answers, "cssrs_5");
    boolean behaviour = FormValues.yes(answers, "cssrs_6");
    boolean recentBehaviour = behaviour && FormValues.yes(answers, "cssrs_6_recent");

    Risk risk;
    if (intent || plan || recentBehaviour) {
      risk = Risk.HIGH;
    } else if (method || behaviour) {
      risk = Risk.MODERATE;
    } else if (wishDead || thoughts) {
      risk = Risk.LOW;
    } else {
      risk = Risk.NONE;
    }
    return new Result(risk, wishDead || thoughts);
  }
}
