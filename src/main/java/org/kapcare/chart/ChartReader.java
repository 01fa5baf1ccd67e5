package org.kapcare.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.kapcare.chart.PatientChart.Baseline;
import org.kapcare.chart.PatientChart.CheckIn;
import org.kapcare.chart.PatientChart.Dose;
import org.kapcare.chart.PatientChart.OpenTask;
import org.kapcare.chart.PatientChart.LiftedBlock;
import org.kapcare.chart.PatientChart.Patient;
import org.kapcare.chart.PatientChart.Review;
import org.kapcare.chart.PatientChart.Safety;
import org.kapcare.chart.PatientChart.Session;
import org.kapcare.chart.PatientChart.Vitals;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.Journeys;
import org.kapcare.clinic.TaskPriority;
import org.springframework.stereotype.Component;

/**
 * Reads a patient's whole chart from the engine: the latest journey with that patient id, its doses,
 * its open steps, and the history of every value written, so that scores, reviews and sessions show
 * each time they happened, not only the last. What a reader may see is cut afterwards ({@link ChartAudience}).
 */
@Component
class ChartReader {

  /** Where in the journey a waiting activity is, in the order the journey reaches them. */
  private static final Map<String, String> PHASES = phases();
  /** The tasks whose booked time is a session with the patient (their due date, or the integration's follow-up date), and its name. */
  private static final Map<String, String> SESSIONS = Map.of("consultation", "Consultation",
      "preparationSession", "Preparation session", "preDoseCheck", "Dosing session",
      "integrationSession", "Integration session", "followUpAssessment", "Follow-up assessment");

  private final HistoryService history;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final RepositoryService repository;
  private final ClinicProperties clinic;
  private final ScoreHistory scores = new ScoreHistory();

  ChartReader(HistoryService history, RuntimeService runtime, TaskService tasks, RepositoryService repository,
      ClinicProperties clinic) {
    this.history = history;
    this.runtime = runtime;
    this.tasks = tasks;
    this.repository = repository;
    this.clinic = clinic;
  }

  /** The chart of the patient's latest journey, if they have one. */
  Optional<PatientChart> read(String patientId) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY)
        .processInstanceBusinessKey(patientId).orderByProcessInstanceStartTime().desc().listPage(0, 1).stream()
        .findFirst()
        .map(journey -> chart(patientId, journey));
  }

  private PatientChart chart(String patientId, HistoricProcessInstance journeyInstance) {
    List<HistoricProcessInstance> doseInstances = history.createHistoricProcessInstanceQuery()
        .superProcessInstanceId(journeyInstance.getId()).processDefinitionKey(Journeys.DOSING_SESSION)
        .orderByProcessInstanceStartTime().asc().list();
    // By the patient id, which the history indexes; a check-in of an earlier journey began before this one.
    List<HistoricProcessInstance> checkInInstances = history.createHistoricProcessInstanceQuery()
        .processDefinitionKey(Journeys.PATIENT_CHECK_IN).processInstanceBusinessKey(patientId)
        .startedAfter(new Date(journeyInstance.getStartTime().getTime() - 1))
        .orderByProcessInstanceStartTime().asc().list();
    Map<String, JourneyRecord> records = records(Stream.of(Stream.of(journeyInstance), doseInstances.stream(),
        checkInInstances.stream()).flatMap(instances -> instances).map(HistoricProcessInstance::getId).toList());
    List<JourneyRecord> checkIns = checkInInstances.stream().map(instance -> records.get(instance.getId())).toList();
    JourneyRecord journey = records.get(journeyInstance.getId());
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(patientId).orderByTaskCreateTime().asc().list();
    List<Dose> doses = new ArrayList<>();
    List<Session> sessions = new ArrayList<>(preparationSessions(journey));
    List<LiftedBlock> overrides = new ArrayList<>(overrides(journeyInstance, journey));
    for (HistoricProcessInstance doseInstance : doseInstances) {
      JourneyRecord dose = records.get(doseInstance.getId());
      doses.add(dose(doseInstance, dose, open));
      integrationSession(dose).ifPresent(sessions::add);
      overrides.addAll(overrides(doseInstance, dose));
    }
    overrides.sort(Comparator.comparing(LiftedBlock::at));
    return new PatientChart(clinic.timeZone().getId(),
        patient(patientId, journeyInstance, journey, doseInstances),
        open.stream().map(this::openTask).toList(),
        nextSession(open),
        new Baseline(vitals(journey, "baselineSystolicBp", "baselineDiastolicBp", "baselineHeartRate", null),
            journey.number("weightKg"), journey.time("weightRecordedAt"), journey.text("currentMedications"),
            journey.flag("opioidsOrBenzodiazepines")),
        new Safety(journey.integer("openSafetyReviews") == null ? 0 : journey.integer("openSafetyReviews"),
            journey.text("cssrsRisk"), journey.flag("phq9Item9Positive"), journey.flag("suicidalIdeation"),
            journey.text("eligibility"), journey.text("eligibilityReasons"), reviews(journey), overrides),
        scores.series(journey, checkIns),
        scores.outcome(journey),
        checkInInstances.stream().map(instance -> checkIn(instance, records.get(instance.getId()))).toList(),
        doses,
        sessions,
        List.of());
  }

  /** A check-in as sent, and once answered, scored: its answer time is when its PHQ-9 was scored. */
  private static CheckIn checkIn(HistoricProcessInstance instance, JourneyRecord checkIn) {
    List<HistoricVariableUpdate> scored = checkIn.updatesOf("phq9Score");
    String answeredAt = scored.isEmpty() ? null : JourneyRecord.iso(scored.get(0).getTime());
    String status = answeredAt != null ? "answered" : instance.getEndTime() == null ? "waiting" : "not answered";
    return new CheckIn(JourneyRecord.iso(instance.getStartTime()), checkIn.text("purpose"), checkIn.integer("doseNumber"),
        status, answeredAt, checkIn.integer("phq9Score"), checkIn.text("phq9Severity"), checkIn.integer("gad7Score"),
        checkIn.text("gad7Severity"), checkIn.integer("pcl5Score"), checkIn.flag("phq9Item9Positive"),
        checkIn.integer("phq9Rise"));
  }

  /** Each instance's latest values and all its updates, in two queries for the journey and its doses together. */
  private Map<String, JourneyRecord> records(List<String> instanceIds) {
    String[] ids = instanceIds.toArray(String[]::new);
    Map<String, Map<String, Object>> values = new LinkedHashMap<>();
    instanceIds.forEach(id -> values.put(id, new LinkedHashMap<>()));
    history.createHistoricVariableInstanceQuery().processInstanceIdIn(ids).disableBinaryFetching()
        .disableCustomObjectDeserialization().list().stream()
        .filter(variable -> plain(variable.getTypedValue()))
        // A value kept on the instance itself wins over one of the same name inside a subprocess.
        .sorted(Comparator.comparing((HistoricVariableInstance v) -> Objects.equals(v.getExecutionId(), v.getProcessInstanceId())))
        .forEach(variable -> values.get(variable.getProcessInstanceId()).put(variable.getName(), variable.getValue()));
    Map<String, List<HistoricVariableUpdate>> updates = history.createHistoricDetailQuery().processInstanceIdIn(ids)
        .variableUpdates().disableBinaryFetching().disableCustomObjectDeserialization().orderByTime().asc().list().stream()
        .map(HistoricVariableUpdate.class::cast)
        .filter(update -> plain(update.getTypedValue()))
        .collect(Collectors.groupingBy(HistoricVariableUpdate::getProcessInstanceId));
    Map<String, JourneyRecord> records = new LinkedHashMap<>();
    values.forEach((id, latest) -> records.put(id, new JourneyRecord(id, latest, updates.getOrDefault(id, List.of()))));
    return records;
  }

  /** The chart shows answers, dates and numbers; the decision tables' findings kept as objects are read as their reasons. */
  private static boolean plain(TypedValue value) {
    return !(value instanceof SerializableValue);
  }

  private Patient patient(String patientId, HistoricProcessInstance instance, JourneyRecord journey,
      List<HistoricProcessInstance> doses) {
    boolean inCare = instance.getEndTime() == null;
    return new Patient(patientId, journey.text("patientName"), journey.text("patientEmail"), journey.text("patientPhone"),
        journey.text("referralSource"), journey.text("primaryCondition"), JourneyRecord.iso(instance.getStartTime()),
        journey.text("route"), inCare ? stage(instance, journey, doses) : ending(instance),
        inCare, JourneyRecord.iso(instance.getEndTime()));
  }

  /** Where a running journey is: its phase, with the session or dose it is at. */
  private String stage(HistoricProcessInstance instance, JourneyRecord journey, List<HistoricProcessInstance> doses) {
    List<String> active = runtime.getActiveActivityIds(instance.getId());
    String phase = PHASES.entrySet().stream().filter(entry -> active.contains(entry.getKey()))
        .map(Map.Entry::getValue).findFirst().orElse("In care");
    if (phase.equals("Preparation") && journey.integer("preparationSessions") != null) {
      int held = journey.integer("preparationSessionsHeld") == null ? 0 : journey.integer("preparationSessionsHeld");
      return phase + ": session " + Math.min(held + 1, journey.integer("preparationSessions")) + " of "
          + journey.integer("preparationSessions");
    }
    if (phase.equals("Dosing") && !doses.isEmpty() && doses.get(doses.size() - 1).getEndTime() == null) {
      return phase + ": dose " + doses.size() + plannedOf(doses.size(), journey.integer("plannedDoses"));
    }
    return phase;
  }

  private static String plannedOf(int dose, Integer planned) {
    return planned == null ? "" : dose <= planned ? " of " + planned : " (maintenance)";
  }

  /**
   * How an ended journey ended, in the words of the last end event it reached (the engine's own
   * end activity names the event subprocess's start when a withdrawal ended the journey).
   */
  private String ending(HistoricProcessInstance instance) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId()).activityType("noneEndEvent")
        .orderByHistoricActivityInstanceEndTime().desc().orderPartiallyByOccurrence().desc().listPage(0, 1).stream()
        .map(HistoricActivityInstance::getActivityName).findFirst().orElse("Ended");
  }

  private OpenTask openTask(Task task) {
    String group = tasks.getIdentityLinksForTask(task.getId()).stream()
        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
        .map(link -> groupName(link.getGroupId())).collect(Collectors.joining(", "));
    return new OpenTask(stepName(task.getProcessDefinitionId(), task.getTaskDefinitionKey()), group.isEmpty() ? null : group, task.getAssignee(),
        JourneyRecord.iso(task.getDueDate()), TaskPriority.of(task.getPriority()).word());
  }

  private static String groupName(String groupId) {
    return Stream.of(ClinicGroup.values()).filter(group -> group.id().equals(groupId)).map(ClinicGroup::displayName)
        .findFirst().orElse(groupId);
  }

  /** The earliest session an open step is booked for. */
  private static Session nextSession(List<Task> open) {
    return open.stream().filter(task -> SESSIONS.containsKey(task.getTaskDefinitionKey()))
        .map(task -> new Session(SESSIONS.get(task.getTaskDefinitionKey()), null,
            JourneyRecord.iso(task.getTaskDefinitionKey().equals("integrationSession") && task.getFollowUpDate() != null
                ? task.getFollowUpDate() : task.getDueDate()), null, null, null, null))
        .filter(session -> session.bookedFor() != null)
        .min(Comparator.comparing(Session::bookedFor))
        .orElse(null);
  }

  private Dose dose(HistoricProcessInstance instance, JourneyRecord dose, List<Task> open) {
    String waiting = open.stream().filter(task -> task.getProcessInstanceId().equals(instance.getId()))
        .map(task -> stepName(task.getProcessDefinitionId(), task.getTaskDefinitionKey())).collect(Collectors.joining(", "));
    String status = !waiting.isEmpty() ? "waiting: " + waiting
        : dose.get("dischargedAt") != null ? "given" : instance.getEndTime() != null ? "not given" : "in progress";
    return new Dose(dose.integer("doseNumber") == null ? 0 : dose.integer("doseNumber"), dose.time("dosingAt"),
        dose.time("doseStartedAt"), dose.text("route"), status,
        dose.number("orderedDoseMg"), dose.number("orderedDoseMgPerKg"), dose.number("doseMg"), dose.number("doseMgPerKg"),
        dose.text("lotNumber"),
        vitals(dose, "systolicBp", "diastolicBp", "heartRate", "spo2"),
        vitals(dose, "systolicBp40", "diastolicBp40", null, null),
        vitals(dose, "systolicBpDischarge", "diastolicBpDischarge", "heartRateDischarge", "spo2Discharge"),
        dose.text("adverseEvents"), dose.flag("seriousAdverseEvent"), dose.integer("minutesMonitored"),
        dose.time("dischargedAt"));
  }

  private static Vitals vitals(JourneyRecord dose, String systolic, String diastolic, String heartRate, String spo2) {
    Vitals vitals = new Vitals(dose.integer(systolic), dose.integer(diastolic),
        heartRate == null ? null : dose.integer(heartRate), spo2 == null ? null : dose.integer(spo2));
    return vitals.equals(new Vitals(null, null, null, null)) ? null : vitals;
  }

  /** The integration session after a dose, once its window is open: held in time, late, missed or still open. */
  private static Optional<Session> integrationSession(JourneyRecord dose) {
    String closes = dose.time("integrationDeadline");
    if (closes == null) {
      return Optional.empty();
    }
    String held = dose.time("integrationHeldAt");
    String timing = held != null ? (Boolean.TRUE.equals(dose.flag("integrationHeldLate")) ? "late" : "in time")
        : Boolean.TRUE.equals(dose.flag("integrationWindowMissed")) ? "missed" : "open";
    return Optional.of(new Session("Integration session", dose.integer("doseNumber"), dose.time("integrationAt"), held,
        closes, timing, dose.text("integrationNotes")));
  }

  private List<Session> preparationSessions(JourneyRecord journey) {
    return completedOrOpen(journey, "preparationSession").stream()
        .map(task -> new Session("Preparation session", null, JourneyRecord.iso(task.getDueDate()),
            JourneyRecord.iso(task.getEndTime()), null, null, written(journey, task, "preparationNotes")))
        .toList();
  }

  private List<Review> reviews(JourneyRecord journey) {
    return completedOrOpen(journey, "urgentSafetyReview").stream()
        .map(task -> new Review(JourneyRecord.iso(task.getStartTime()), JourneyRecord.iso(task.getEndTime()),
            task.getEndTime() == null ? null : task.getAssignee(), written(journey, task, "safetyReviewOutcome"),
            written(journey, task, "safetyPlan")))
        .toList();
  }

  /** A step's tasks in the order they opened, without those cancelled (a withdrawal, a step that came round again). */
  private List<HistoricTaskInstance> completedOrOpen(JourneyRecord journey, String taskKey) {
    return history.createHistoricTaskInstanceQuery().processInstanceId(journey.id()).taskDefinitionKey(taskKey)
        .orderByHistoricActivityInstanceStartTime().asc().list().stream()
        .filter(task -> task.getEndTime() == null || "completed".equals(task.getDeleteReason()))
        .toList();
  }

  /** What a task's form wrote into {@code field}; nothing for one still open or left empty. */
  private static String written(JourneyRecord journey, HistoricTaskInstance task, String field) {
    return journey.writtenBy(task.getActivityInstanceId(), field)
        .map(Object::toString).filter(text -> !text.isBlank()).orElse(null);
  }

  /** Every {@code <step>OverrideBy} ever written: a prescriber lifted that step's block, or approved a nurse's question. */
  private List<LiftedBlock> overrides(HistoricProcessInstance instance, JourneyRecord record) {
    List<LiftedBlock> overrides = new ArrayList<>();
    for (HistoricVariableUpdate by : record.updates()) {
      String name = by.getVariableName();
      if (name.endsWith("OverrideBy") && by.getValue() != null) {
        String step = name.substring(0, name.length() - "OverrideBy".length());
        Object reason = record.writtenBy(by.getActivityInstanceId(), step + "OverrideReason").orElse(null);
        overrides.add(new LiftedBlock(stepName(instance.getProcessDefinitionId(), step), by.getValue().toString(),
            reason == null ? null : reason.toString(), JourneyRecord.iso(by.getTime())));
      }
    }
    return overrides;
  }

  /** A step's name as the model gives it (Tasklist adds the patient's id to a task's name; the chart is the patient's already). */
  private String stepName(String processDefinitionId, String activityId) {
    FlowElement element = repository.getBpmnModelInstance(processDefinitionId).getModelElementById(activityId);
    return element == null || element.getName() == null ? activityId : element.getName();
  }

  private static Map<String, String> phases() {
    Map<String, String> phases = new LinkedHashMap<>();
    Stream.of("closeCase").forEach(id -> phases.put(id, "Closing the case"));
    Stream.of("scheduleConsultation", "consultation", "safetyReviewCleared").forEach(id -> phases.put(id, "Assessment"));
    Stream.of("medicalHistory", "medicalClearance", "reviewIneligibility", "referOut").forEach(id -> phases.put(id, "Eligibility"));
    phases.put("informedConsent", "Consent");
    Stream.of("schedulePreparation", "preparationSession").forEach(id -> phases.put(id, "Preparation"));
    Stream.of("noOpenSafetyReview", "dosingSeries").forEach(id -> phases.put(id, "Dosing"));
    Stream.of("scheduleFollowUp", "followUpAssessment").forEach(id -> phases.put(id, "Follow-up"));
    phases.put("dischargeSummary", "Discharge summary");
    return phases;
  }
}
