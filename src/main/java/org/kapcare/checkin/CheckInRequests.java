package org.kapcare.checkin;

import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.springframework.stereotype.Component;

/**
 * "Send check-in to patient": starts a {@code patient-check-in} for the journey, which mails the
 * link and waits for the answers. The step names its {@code purpose} ({@code before-dose},
 * {@code between-doses} or {@code before-follow-up}). A weekly check-in is skipped when another
 * went out in the last {@code kapcare.check-in.minimum-gap}; a patient without an e-mail address
 * gets none. A dose notes {@code checkInUnanswered} until the answers come, for the nurse's check;
 * a clinic that sends no check-ins ({@code kapcare.check-in.enabled=false}) has nothing to note.
 */
@Component("checkInRequests")
public class CheckInRequests implements JavaDelegate {

  /** What a check-in starts with, besides the patient's name, contact and condition; and what a dose notes. */
  public static final List<String> WRITES = List.of("baselinePhq9", "purpose", "doseNumber", "journeyId", "askedBy",
      "checkInExpiresAt", "checkInUnanswered");

  static final String BETWEEN_DOSES = "between-doses";
  static final String BEFORE_DOSE = "before-dose";

  private final RuntimeService runtime;
  private final HistoryService history;
  private final CheckInProperties settings;

  public CheckInRequests(RuntimeService runtime, HistoryService history, CheckInProperties settings) {
    this.runtime = runtime;
    this.history = history;
    this.settings = settings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    if (!settings.enabled()) {
      return;
    }
    String purpose = (String) execution.getVariableLocal("purpose");
    if (BEFORE_DOSE.equals(purpose)) {
      execution.setVariable("checkInUnanswered", true);
    }
    Object email = Journeys.journeyVariable(execution, "patientEmail");
    String journeyId = Journeys.journeyId(execution);
    if (email == null || email.toString().isBlank()
        || BETWEEN_DOSES.equals(purpose) && askedRecently(execution.getProcessBusinessKey())) {
      return;
    }
    Map<String, Object> checkIn = new HashMap<>();
    for (String name : new String[] {"patientId", "patientName", "patientEmail", "primaryCondition"}) {
      checkIn.put(name, Journeys.journeyVariable(execution, name));
    }
    checkIn.put("baselinePhq9", Journeys.journeyVariable(execution, "phq9Score"));
    checkIn.put("purpose", purpose);
    checkIn.put("doseNumber", execution.getVariable("doseNumber"));
    checkIn.put("journeyId", journeyId);
    checkIn.put("askedBy", execution.getProcessInstanceId());
    checkIn.put("checkInExpiresAt", Date.from(EngineClock.now().plus(settings.linkValidFor())));
    runtime.startProcessInstanceByKey(Journeys.PATIENT_CHECK_IN, execution.getProcessBusinessKey(), checkIn);
  }

  /** By the patient id, which the history indexes: a check-in of an earlier journey is older than any gap. */
  private boolean askedRecently(String patientId) {
    return history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(Journeys.PATIENT_CHECK_IN)
        .processInstanceBusinessKey(patientId)
        .startedAfter(Date.from(EngineClock.now().minus(settings.minimumGap())))
        .count() > 0;
  }
}
