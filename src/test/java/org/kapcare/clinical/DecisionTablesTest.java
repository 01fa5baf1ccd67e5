package org.kapcare.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DMN tables in processes/ as clinicians edit them, row by row and at each threshold's edge
 * (docs/clinical.md), evaluated by the same DMN engine the application embeds. A moved threshold fails here.
 */
class DecisionTablesTest {

  private static DmnEngine dmn;
  private static DmnDecision eligibility;
  private static DmnDecision preDoseSafety;
  private static final DecisionFindings FINDINGS = new DecisionFindings();

  @BeforeAll
  static void parseTables() throws IOException {
    dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    eligibility = parse("processes/eligibility.dmn", "eligibility");
    preDoseSafety = parse("processes/pre-dose-safety.dmn", "pre-dose-safety");
  }

  private static DmnDecision parse(String file, String key) throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return dmn.parseDecision(key, in);
    }
  }

  private static String[] summary(List<Map<String, Object>> rows) {
    return new String[] {FINDINGS.outcome(rows), FINDINGS.reasons(rows)};
  }

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @CsvSource(delimiter = '|', textBlock = """
      -                          |       | eligible        |
      aneurysmalVascularDisease  | true  | ineligible      | Aneurysmal vascular disease
      arteriovenousMalformation  | true  | ineligible      | Arteriovenous malformation
      intracerebralHaemorrhage   | true  | ineligible      | History of intracerebral haemorrhage
      ketamineHypersensitivity   | true  | ineligible      | Hypersensitivity to ketamine or esketamine
      psychosis                  | true  | ineligible      | Current psychosis or primary psychotic disorder
      currentMania               | true  | ineligible      | Current manic episode
      pregnant                   | true  | ineligible      | Pregnant
      baselineSystolicBp         | 139   | eligible        |
      baselineSystolicBp         | 140   | needs-clearance | Systolic blood pressure at intake 140 or above
      baselineDiastolicBp        | 89    | eligible        |
      baselineDiastolicBp        | 90    | needs-clearance | Diastolic blood pressure at intake 90 or above
      cardiacDisease             | true  | needs-clearance | Cardiac disease (angina, arrhythmia)
      substanceUseDisorder       | true  | needs-clearance | Active substance use disorder
      hepaticImpairment          | true  | needs-clearance | Hepatic impairment
      raisedIntracranialPressure | true  | needs-clearance | Raised intracranial pressure
      hyperthyroidism            | true  | needs-clearance | Hyperthyroidism
      interstitialCystitis       | true  | needs-clearance | Interstitial cystitis
      opioidsOrBenzodiazepines   | true  | needs-clearance | Concurrent opioids or benzodiazepines
      """)
  void eligibilityRows(String variable, String value, String outcome, String reason) {
    Object typed = value == null ? null : value.matches("\\d+") ? (Object) Integer.valueOf(value) : Boolean.valueOf(value);
    String[] result = evaluateEligibility("-".equals(variable) ? Map.of() : Map.of(variable, typed));
    assertThat(result[0]).isEqualTo(outcome);
    assertThat(result[1]).isEqualTo(reason == null ? "" : reason);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an absolute contraindication outweighs clearance | pregnant=true,cardiacDisease=true,baselineSystolicBp=150 | ineligible | Pregnant; Systolic blood pressure at intake 140 or above; Cardiac disease (angina, arrhythmia)
      both blood pressures high give both reasons      | baselineSystolicBp=145,baselineDiastolicBp=95               | needs-clearance | Systolic blood pressure at intake 140 or above; Diastolic blood pressure at intake 90 or above
      """)
  void eligibilityRowsCombine(String description, String findings, String outcome, String reasons) {
    Map<String, Object> history = new HashMap<>();
    for (String finding : findings.split(",")) {
      String[] pair = finding.split("=");
      history.put(pair[0], pair[1].matches("\\d+") ? (Object) Integer.valueOf(pair[1]) : Boolean.valueOf(pair[1]));
    }
    String[] result = evaluateEligibility(history);
    assertThat(result[0]).isEqualTo(outcome);
    assertThat(result[1]).isEqualTo(reasons);
  }

  /** The outcome and reasons for an unremarkable patient (128/82, nothing ticked) with these findings. */
  private static String[] evaluateEligibility(Map<String, Object> findings) {
    Map<String, Object> history = new HashMap<>(Map.of("baselineSystolicBp", 128, "baselineDiastolicBp", 82));
    for (String condition : List.of("aneurysmalVascularDisease", "arteriovenousMalformation", "intracerebralHaemorrhage",
        "ketamineHypersensitivity", "psychosis", "currentMania", "pregnant", "cardiacDisease", "substanceUseDisorder",
        "hepaticImpairment", "raisedIntracranialPressure", "hyperthyroidism", "interstitialCystitis",
        "opioidsOrBenzodiazepines")) {
      history.put(condition, false);
    }
    history.putAll(findings);
    return summary(dmn.evaluateDecisionTable(eligibility, history).getResultList());
  }

  @ParameterizedTest(name = "{0}/{1} HR {2}, {3} h since food, ride {4}, sedatives {5}, concern {6} -> {7}")
  @CsvSource(delimiter = '|', textBlock = """
      126 | 80  | 74  | 4   | true  | false | false | proceed           |
      160 | 80  | 74  | 4   | true  | false | false | prescriber-review | Systolic 140 to 160
      161 | 80  | 74  | 4   | true  | false | false | postpone          | Systolic above 160
      139 | 80  | 74  | 4   | true  | false | false | proceed           |
      140 | 80  | 74  | 4   | true  | false | false | prescriber-review | Systolic 140 to 160
      126 | 89  | 74  | 4   | true  | false | false | proceed           |
      126 | 90  | 74  | 4   | true  | false | false | prescriber-review | Diastolic 90 to 100
      126 | 100 | 74  | 4   | true  | false | false | prescriber-review | Diastolic 90 to 100
      126 | 101 | 74  | 4   | true  | false | false | postpone          | Diastolic above 100
      126 | 80  | 110 | 4   | true  | false | false | proceed           |
      126 | 80  | 111 | 4   | true  | false | false | prescriber-review | Heart rate above 110
      126 | 80  | 74  | 2   | true  | false | false | proceed           |
      126 | 80  | 74  | 1.9 | true  | false | false | postpone          | Ate less than 2 hours ago
      126 | 80  | 74  | 4   | false | false | false | postpone          | No ride home confirmed
      126 | 80  | 74  | 4   | true  | true  | false | prescriber-review | Sedatives, opioids or alcohol taken today
      126 | 80  | 74  | 4   | true  | false | true  | prescriber-review | New safety concern
      165 | 95  | 74  | 4   | true  | false | false | postpone          | Systolic above 160; Diastolic 90 to 100
      150 | 80  | 120 | 1   | true  | true  | false | postpone          | Ate less than 2 hours ago; Systolic 140 to 160; Heart rate above 110; Sedatives, opioids or alcohol taken today
      """)
  void preDoseSafetyRows(int systolic, int diastolic, int heartRate, double hoursSinceFood, boolean ride, boolean sedatives,
      boolean concern, String outcome, String reasons) {
    Map<String, Object> check = Map.of("systolicBp", systolic, "diastolicBp", diastolic, "heartRate", heartRate,
        "hoursSinceFood", hoursSinceFood, "rideHomeConfirmed", ride, "sedativesToday", sedatives, "newSafetyConcern", concern);
    String[] result = summary(dmn.evaluateDecisionTable(preDoseSafety, check).getResultList());
    assertThat(result[0]).isEqualTo(outcome);
    assertThat(result[1]).isEqualTo(reasons == null ? "" : reasons);
  }
}
