package org.kapcare.clinical;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.clinic.EngineClock;
import org.kapcare.forms.FormValues;
import org.kapcare.forms.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * {@code dischargeCheck}: a nurse who finds the patient not ready sends the dose back to the
 * observation; otherwise the discharge is refused in the future (the integration window counts
 * from it), and before the route's minimum observation, with a gap in the vitals or without the
 * blood pressure at its peak ({@link Observation}) unless a prescriber overrides it (see
 * {@link PrescriberOverride}). Esketamine doses get the REMS monitoring form, due 7 days after, while
 * the clinic's setting keeps that step.
 */
@Component("dischargeRecorder")
public class DischargeRecorder implements TaskListener {

  public static final List<String> WRITES = List.of("remsFormDue", "remsFormRequired", "continueObservation", "readyToLeaveAt");

  static final String ESKETAMINE = "ESKETAMINE_NASAL";

  private final ClinicalProperties clinic;
  private final Observation observation;

  public DischargeRecorder(ClinicalProperties clinic, Observation observation) {
    this.clinic = clinic;
    this.observation = observation;
  }

  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    boolean observeOn = FormValues.flag(values, "continueObservation");
    task.setVariable("continueObservation", observeOn);
    if (observeOn) {
      return;
    }
    Instant dischargedAt = FormValues.instant(values, "dischargedAt");
    if (dischargedAt.isAfter(EngineClock.now().plus(Observation.CLOCK_SKEW))) {
      throw new InvalidInputException("dischargedAt", "The discharge time cannot be in the future; record it when the patient leaves");
    }
    List<VitalsTimeline.Shortfall> against = observation.againstDischarge(task, dischargedAt);
    if (!against.isEmpty()) {
      // One refusal, one approval: it covers these kinds of shortfall at whatever minute the patient leaves.
      PrescriberOverride.block(task, "dischargedAt",
          against.stream().map(VitalsTimeline.Shortfall::description).collect(Collectors.joining("; ")),
          against.stream().map(VitalsTimeline.Shortfall::kind).collect(Collectors.joining("; ")));
    }
    Object readyToLeave = values.get("readyToLeaveAt");
    Instant readyToLeaveAt = readyToLeave == null || readyToLeave.toString().isBlank() ? dischargedAt
        : FormValues.instant("readyToLeaveAt", readyToLeave);
    if (readyToLeaveAt.isAfter(dischargedAt)) {
      throw new InvalidInputException("readyToLeaveAt", "The patient cannot have been ready to leave after the discharge");
    }
    task.setVariable("readyToLeaveAt", readyToLeaveAt.toString());
    boolean rems = ESKETAMINE.equals(FormValues.text(values, "route")) && clinic.remsMonitoringForm();
    task.setVariable("remsFormRequired", rems);
    if (rems) {
      task.setVariable("remsFormDue", Date.from(dischargedAt.plus(clinic.remsFormDue())));
    }
  }
}
