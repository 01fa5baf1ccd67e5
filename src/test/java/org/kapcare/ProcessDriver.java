package org.kapcare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.kapcare.forms.FormValues;
import org.kapcare.forms.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Base of the process tests: binds camunda-bpm-assert to this context's engine, pins the engine
 * clock, and completes tasks the way Tasklist does, after loading the task's deployed form.
 */
public abstract class ProcessDriver {

  /** A Monday morning, so that due dates are easy to read in failures. */
  protected static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

  @Autowired
  protected ProcessEngine engine;

  @BeforeEach
  void bindEngine() {
    BpmnAwareTests.init(engine);
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  @AfterEach
  void releaseEngine() {
    engine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
    BpmnAwareTests.reset();
  }

  /** What follows runs as this user, with authorization checked as in Tasklist. */
  protected void signIn(String user, String group) {
    engine.getIdentityService().setAuthentication(user, List.of(group));
  }

  protected void signOut() {
    engine.getIdentityService().clearAuthentication();
  }

  /** The value a variable had when the instance ended or has now, from the history. */
  protected Object historicVariable(ProcessInstance instance, String name) {
    return engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).variableName(name).singleResult().getValue();
  }

  protected static void moveClockTo(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  protected static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MINUTES).toString();
  }

  /** The open task at {@code activityId}; it must have a deployed form, as Tasklist needs one. */
  protected Task taskAt(ProcessInstance instance, String activityId) {
    Task task = engine.getTaskService().createTaskQuery()
        .processInstanceId(instance.getId())
        .taskDefinitionKey(activityId)
        .singleResult();
    assertThat(task).as("open task " + activityId).isNotNull();
    assertThat(engine.getFormService().getDeployedTaskForm(task.getId())).as("form of " + activityId).isNotNull();
    return task;
  }

  protected void complete(ProcessInstance instance, String activityId, Object... keysAndValues) {
    complete(instance, activityId, Answers.map(keysAndValues));
  }

  protected void complete(ProcessInstance instance, String activityId, Map<String, Object> answers) {
    engine.getTaskService().complete(taskAt(instance, activityId).getId(), answers);
  }

  /** Completing the task with {@code answers} is refused for {@code field}, and the task stays open. */
  protected void assertRefused(ProcessInstance instance, String activityId, Map<String, Object> answers, String field,
      String messagePart) {
    Task task = taskAt(instance, activityId);
    assertThatThrownBy(() -> engine.getTaskService().complete(task.getId(), answers))
        .hasRootCauseInstanceOf(InvalidInputException.class)
        .rootCause()
        .hasMessageContaining(messagePart)
        .satisfies(refusal -> assertThat(((InvalidInputException) refusal).getField()).isEqualTo(field));
    assertThat(taskAt(instance, activityId).getId()).isEqualTo(task.getId());
  }

  protected void executeJob(ProcessInstance instance, String activityId) {
    Job job = engine.getManagementService().createJobQuery()
        .processInstanceId(instance.getId())
        .activityId(activityId)
        .singleResult();
    assertThat(job).as("job at " + activityId).isNotNull();
    execute(job);
  }

  /**
   * The observation of a dose given, from its start up to the engine's clock ({@link Answers#readings}).
   * Leaves the dose at its discharge check.
   */
  protected void observe(ProcessInstance dose) {
    Instant start = FormValues.instant("doseStartedAt", engine.getRuntimeService().getVariable(dose.getId(), "doseStartedAt"));
    Answers.readings(start, EngineClock.now().truncatedTo(ChronoUnit.MINUTES)).forEach(reading -> complete(dose, "recordVitals", reading));
  }

  /** A dose started on its own, as the journey's dosing series would start it. */
  protected ProcessInstance startDose(String patientId, String patientEmail, String route) {
    return engine.getRuntimeService().startProcessInstanceByKey(Journeys.DOSING_SESSION, patientId, Answers.map(
        "patientId", patientId, "patientName", "Alex Example", "patientEmail", patientEmail,
        "route", route, "weightKg", 70.0, "doseNumber", 1));
  }

  /** The dose the journey's dosing series is running now. */
  protected static ProcessInstance currentDose(ProcessInstance journey) {
    ProcessInstance dose = runtimeService().createProcessInstanceQuery().superProcessInstanceId(journey.getId()).singleResult();
    assertThat(dose).as("running dose of " + journey.getBusinessKey()).isNotNull();
    return dose;
  }
}
