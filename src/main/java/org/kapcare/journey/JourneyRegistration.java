package org.kapcare.journey;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.kapcare.clinic.Journeys;
import org.kapcare.forms.FormValues;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.SignedInStaff;
import org.springframework.stereotype.Component;

/**
 * Runs as a referral is submitted: makes the patient id the business key, so that
 * every task and dose of the journey can be found by patient. Two running journeys for one
 * patient are refused, whoever starts them and whatever they may see.
 */
@Component("journeyRegistration")
public class JourneyRegistration implements ExecutionListener {

  private final SignedInStaff staff;

  public JourneyRegistration(SignedInStaff staff) {
    this.staff = staff;
  }

  @Override
  public void notify(DelegateExecution execution) {
    // The referral form's own rules (patient id pattern included) have been checked by FormRulesCheck.
    String patientId = FormValues.text(execution.getVariables(), "patientId");
    if (runningJourneys(execution, patientId) > 0) {
      // Tasklist's patient plugin turns this sentence into a link to the patient's chart.
      throw new InvalidInputException("patientId", "Patient " + patientId
          + " already has a care journey in progress: open it with Find patient instead of starting another");
    }
    execution.setProcessBusinessKey(patientId);
  }

  /** Counts every running journey, not only those the person starting this one may read. */
  private long runningJourneys(DelegateExecution execution, String patientId) {
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    return staff.asSystem(() -> runtime.createProcessInstanceQuery()
        .processDefinitionKey(Journeys.CARE_JOURNEY)
        .processInstanceBusinessKey(patientId)
        .count());
  }
}
