package org.kapcare.clinic;

import java.util.List;

/**
 * Which rating scales a patient answers, by the variable prefix of their items ({@code phq9_1}):
 * PHQ-9 and GAD-7 for everyone, and the PCL-5 too for a patient referred for PTSD. The consultation
 * and every check-in ask by this one rule.
 */
public final class Questionnaires {

  public static final String PHQ9 = "phq9";
  public static final String GAD7 = "gad7";
  public static final String PCL5 = "pcl5";

  private Questionnaires() {}

  public static List<String> forCondition(Object primaryCondition) {
    return "PTSD".equals(primaryCondition) ? List.of(PHQ9, GAD7, PCL5) : List.of(PHQ9, GAD7);
  }
}
