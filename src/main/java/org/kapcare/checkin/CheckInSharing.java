package org.kapcare.checkin;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.kapcare.clinic.Questionnaires;
import org.springframework.stereotype.Component;

/**
 * "Pass the answers to the journey": the journey keeps the latest check-in's PHQ-9 rise, which the
 * next pre-dose safety check reads; a check-in before the follow-up prefills the follow-up
 * assessment's PHQ-9 and GAD-7 (the prescriber still decides); the dose that asked for the
 * check-in stops prompting its nurse. A step no longer waiting simply takes nothing.
 */
@Component("checkInSharing")
public class CheckInSharing implements JavaDelegate {

  public static final List<String> WRITES = List.of("checkInPhq9Rise", "lastCheckInAt", "checkInUnanswered");

  static final String BEFORE_FOLLOW_UP = "before-follow-up";

  private final RuntimeService runtime;

  public CheckInSharing(RuntimeService runtime) {
    this.runtime = runtime;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String journeyId = (String) execution.getVariable("journeyId");
    Map<String, Object> journey = new HashMap<>();
    journey.put("checkInPhq9Rise", execution.getVariable("phq9Rise"));
    journey.put("lastCheckInAt", Date.from(EngineClock.now()));
    if (BEFORE_FOLLOW_UP.equals(execution.getVariable("purpose"))) {
      prefill(execution, journey, Questionnaires.PHQ9, "followUpPhq9");
      prefill(execution, journey, Questionnaires.GAD7, "followUpGad7");
    }
    runtime.createMessageCorrelation(Journeys.CHECK_IN_ANSWERED).processInstanceId(journeyId)
        .setVariables(journey).correlateAllWithResult();
    String askedBy = (String) execution.getVariable("askedBy");
    if (!journeyId.equals(askedBy)) {
      runtime.createMessageCorrelation(Journeys.CHECK_IN_ANSWERED).processInstanceId(askedBy)
          .setVariable("checkInUnanswered", false).correlateAllWithResult();
    }
  }

  /** Every item the patient answered, under the follow-up form's key, as its radio buttons hold values. */
  private static void prefill(DelegateExecution execution, Map<String, Object> journey, String from, String to) {
    for (int item = 1; execution.hasVariable(from + "_" + item); item++) {
      journey.put(to + "_" + item, String.valueOf(execution.getVariable(from + "_" + item)));
    }
  }
}
