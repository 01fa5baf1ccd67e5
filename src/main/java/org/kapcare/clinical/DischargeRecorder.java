package org.kapcare.clinical;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.journey.EngineClock;
import org.kapcare.journey.FormValues;
import org.kapcare.journey.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * {@code dischargeCheck}: refuses a discharge before the route's minimum observation time (unless a
 * prescriber overrides it, see {@link PrescriberOverride}) or in the
 * future (the integration window counts from it), and
 * sets the REMS monitoring form's due date for esketamine doses.
 */
@Component("dischargeRecorder")
public class DischargeRecorder implements TaskListener {

  public static final List<String> WRITES = List.of("remsFormDue");

  static final String ESKETAMINE = "ESKETAMINE_NASAL";
  /** Leeway for a browser clock a little ahead of the server's. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final ClinicalProperties clinic;

  public DischargeRecorder(ClinicalProperties clinic) {
    this.clinic = clinic;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    String route = FormValues.text(values, "route");
    int minimum = clinic.minimumMonitoringMinutes(route);
    int monitored = (int) FormValues.number(values, "minutesMonitored");
    if (monitored < minimum) {
      PrescriberOverride.block(task, "minutesMonitored", "After a " + route + " dose the patient must be observed for at least "
          + minimum + " minutes before discharge; " + monitored + " recorded");
    }
    Instant dischargedAt = FormValues.instant(values, "dischargedAt");
    if (dischargedAt.isAfter(EngineClock.now().plus(CLOCK_SKEW))) {
      throw new InvalidInputException("dischargedAt", "The discharge time cannot be in the future; record it when the patient leaves");
    }
    if (ESKETAMINE.equals(route)) {
      task.setVariable("remsFormDue", Date.from(dischargedAt.plus(clinic.remsFormDue())));
    }
  }
}
