package org.kapcare.journey;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/** What staff do to a journey as a whole, outside its tasks. Runs as the signed-in user. */
@Service
public class JourneyService {

  private final RuntimeService runtime;

  public JourneyService(RuntimeService runtime) {
    this.runtime = runtime;
  }

  /** The patient leaves the programme: the running journey stops and a "Close case" task is opened. */
  public void withdraw(String patientId) {
    try {
      // Doses share the patient's business key but only the journey waits for this message.
      runtime.createMessageCorrelation(Journeys.PATIENT_WITHDREW)
          .processInstanceBusinessKey(patientId)
          .correlate();
    } catch (MismatchingMessageCorrelationException e) {
      throw new JourneyNotFoundException(patientId);
    }
  }
}
