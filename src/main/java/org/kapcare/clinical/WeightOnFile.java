package org.kapcare.clinical;

import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.EngineClock;
import org.kapcare.forms.FormValues;
import org.springframework.stereotype.Component;

/**
 * The weight every mg/kg is computed from, and its date. The medical history records the first
 * ({@code weightKg}; {@link #recorded} dates it); a pre-dose check opens asking for today's weight
 * ({@code weightDue}) when the one on file is older than the clinic's setting (30 days by default)
 * or has no date, and a weight taken there replaces it, for this dose and the journey's next ones.
 */
@Component("weightOnFile")
public class WeightOnFile implements TaskListener {

  private final ClinicalProperties clinic;
  private final ClinicProperties clinicDay;

  public WeightOnFile(ClinicalProperties clinic, ClinicProperties clinicDay) {
    this.clinic = clinic;
    this.clinicDay = clinicDay;
  }

  /** The medical history's completion: its weight was taken now. */
  public void recorded(DelegateTask task) {
    task.setVariable("weightRecordedAt", EngineClock.now().toString());
  }

  /** The pre-dose check: created asking for a weight when due, completed taking the one given. */
  @Override
  public void notify(DelegateTask task) {
    Map<String, Object> values = task.getVariables();
    if (EVENTNAME_CREATE.equals(task.getEventName())) {
      Object on = values.get("weightRecordedAt");
      Instant taken = on == null ? null : FormValues.instant("weightRecordedAt", on);
      task.setVariable("weightDue", taken == null || taken.isBefore(EngineClock.now().minus(clinic.weightValidFor())));
      task.setVariable("weightRecordedText", taken == null ? "date not recorded" : clinicDay.readable(taken));
    } else if (FormValues.flag(values, "weightDue")) {
      // Only when the form asked: a weight sent to a check that did not ask for it changes no mg/kg.
      task.setVariable("weightKg", FormValues.number(values, "weightTodayKg"));
      recorded(task);
    }
  }
}
