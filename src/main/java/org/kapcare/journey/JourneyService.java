package org.kapcare.journey;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.Journeys;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.SignedInStaff;
import org.springframework.stereotype.Service;

/** What staff do to a journey as a whole, outside its tasks. */
@Service
public class JourneyService {

  /** As much as a safety plan may hold. */
  static final int CONCERN_LENGTH = 4000;

  private final RuntimeService runtime;
  private final SignedInStaff staff;

  public JourneyService(RuntimeService runtime, SignedInStaff staff) {
    this.runtime = runtime;
    this.staff = staff;
  }

  /**
   * A clinician's worry about the patient, in their words: an urgent safety review opens for the
   * prescribers (the journey's "Safety concern reported"), showing what happened and who raised it.
   */
  public void raiseSafetyConcern(String patientId, String whatHappened) {
    String clinician = staff.memberOf(ClinicGroup.NURSES.id(), ClinicGroup.PRESCRIBERS.id(), ClinicGroup.THERAPISTS.id())
        .orElseThrow(() -> new AuthorizationException("Only nurses, prescribers and therapists raise a safety concern"));
    String concern = whatHappened == null ? "" : whatHappened.strip();
    if (concern.isEmpty() || concern.length() > CONCERN_LENGTH) {
      throw new InvalidInputException("whatHappened", "Say what happened, in at most " + CONCERN_LENGTH + " characters");
    }
    correlate(patientId, runtime.createMessageCorrelation(Journeys.SAFETY_CONCERN_RAISED)
        .setVariable("safetyConcern", concern)
        .setVariable("safetyConcernRaisedBy", staff.displayName(clinician)));
  }

  /** The patient leaves the programme: the running journey stops and a "Close case" task is opened. */
  public void withdraw(String patientId) {
    staff.requireCoordinator();
    correlate(patientId, runtime.createMessageCorrelation(Journeys.PATIENT_WITHDREW));
  }

  /** The caller's rights were checked above; the message goes to the patient's running journey. */
  private void correlate(String patientId, MessageCorrelationBuilder message) {
    try {
      // Doses share the patient's business key but only the journey waits for these messages.
      staff.asSystem(() -> message.processInstanceBusinessKey(patientId).correlateWithResult());
    } catch (MismatchingMessageCorrelationException e) {
      throw new JourneyNotFoundException(patientId);
    }
  }
}
