package org.kapcare.integrationwindow;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.EngineClock;
import org.kapcare.forms.FormValues;
import org.kapcare.forms.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * {@code scheduleIntegration}: while the window is open, the session must be booked inside it.
 * Once it has closed (and the managers have been told), the session is booked when it can be
 * and recorded as late.
 */
@Component("integrationBookingCheck")
public class IntegrationBookingCheck implements TaskListener {

  private final ClinicProperties clinic;

  public IntegrationBookingCheck(ClinicProperties clinic) {
    this.clinic = clinic;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    Instant bookedAt = FormValues.instant(values, "integrationAt");
    Instant deadline = FormValues.instant(values, "integrationDeadline");
    if (bookedAt.isAfter(deadline) && !EngineClock.now().isAfter(deadline)) {
      throw new InvalidInputException("integrationAt", "The integration session must take place before the window closes on "
          + clinic.readable(deadline) + "; " + clinic.readable(bookedAt) + " is too late");
    }
  }
}
