package org.kapcare.clinical;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.journey.FormValues;
import org.kapcare.journey.InvalidInputException;
import org.springframework.stereotype.Component;

/** {@code informedConsent} cannot be completed without the patient's consent. */
@Component("consentRequired")
public class ConsentRequired implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    if (!FormValues.flag(task.getVariables(), "consentGiven")) {
      throw new InvalidInputException("consentGiven",
          "Informed consent must be given before preparation can be booked");
    }
  }
}
