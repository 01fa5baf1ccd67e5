package org.kapcare.journey;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Runs as a referral is submitted: checks the patient id and makes it the business key, so that
 * every task and dose of the journey can be found by patient. Two running journeys for one
 * patient are refused, whoever starts them and whatever they may see.
 */
@Component("journeyRegistration")
public class JourneyRegistration implements ExecutionListener {

  static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9-]{3,40}");

  @Override
  public void notify(DelegateExecution execution) {
    String patientId = FormValues.text(execution.getVariables(), "patientId");
    if (!PATIENT_ID.matcher(patientId).matches()) {
      throw new InvalidInputException("patientId", "must be 3 to 40 letters, digits or dashes, was '" + patientId + "'");
    }
    if (runningJourneys(execution, patientId) > 0) {
      throw new InvalidInputException("patientId", "Patient " + patientId + " already has a running care journey");
    }
    execution.setProcessBusinessKey(patientId);
  }

  /** Counts every running journey, not only those the person starting this one may read. */
  private static long runningJourneys(DelegateExecution execution, String patientId) {
    IdentityService identity = execution.getProcessEngineServices().getIdentityService();
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return runtime.createProcessInstanceQuery()
          .processDefinitionKey(Journeys.CARE_JOURNEY)
          .processInstanceBusinessKey(patientId)
          .count();
    } finally {
      identity.setAuthentication(caller);
    }
  }
}
