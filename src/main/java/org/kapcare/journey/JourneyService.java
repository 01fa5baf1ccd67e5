package org.kapcare.journey;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.kapcare.clinic.Journeys;
import org.kapcare.security.SignedInStaff;
import org.springframework.stereotype.Service;

/** What staff do to a journey as a whole, outside its tasks. */
@Service
public class JourneyService {

  private final RuntimeService runtime;
  private final SignedInStaff staff;

  public JourneyService(RuntimeService runtime, SignedInStaff staff) {
    this.runtime = runtime;
    this.staff = staff;
  }

  /** The patient leaves the programme: the running journey stops and a "Close case" task is opened. */
  public void withdraw(String patientId) {
    staff.requireCoordinator();
    try {
      // Doses share the patient's business key but only the journey waits for this message.
      staff.asSystem(() -> runtime.createMessageCorrelation(Journeys.PATIENT_WITHDREW)
          .processInstanceBusinessKey(patientId)
          .correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new JourneyNotFoundException(patientId);
    }
  }
}
