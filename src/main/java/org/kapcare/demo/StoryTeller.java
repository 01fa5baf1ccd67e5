package org.kapcare.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.kapcare.clinic.Journeys;
import org.kapcare.notification.Outbox;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Lives a demo patient's story through the real processes: the engine's clock is set to each
 * step's time, timers and notifications that fell due meanwhile run, then the group's demo user
 * claims and completes the task with the story's answers (checked like any Tasklist submission).
 * The clock is the calling thread's own ({@link StoryClock}): the app's other threads keep the real time.
 */
@Component
@Profile("demo")
class StoryTeller {

  /** The journey's and doses' steps that start a check-in. */
  private static final Set<String> SENDS_CHECK_IN = Set.of("sendPreDoseCheckIn", "sendWeeklyCheckIn", "sendFollowUpCheckIn");

  /** Who the outbox names as having delivered what the stories notified. */
  static final String DELIVERED_BY = "demo-history";

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final ManagementService management;
  private final HistoryService history;
  /** The group that works each task, by activity id: its first candidate group. */
  private final Map<String, String> groups = new ConcurrentHashMap<>();
  /** The step of each job definition, by its id. */
  private final Map<String, String> jobSteps = new ConcurrentHashMap<>();
  private final StoryClock clock;
  private final TransactionTemplate transaction;
  private final Outbox outbox;

  StoryTeller(RuntimeService runtime, TaskService tasks, ManagementService management, HistoryService history,
      PlatformTransactionManager transactions, StoryClock clock, Outbox outbox) {
    this.transaction = new TransactionTemplate(transactions);
    this.outbox = outbox;
    this.clock = clock;
    this.runtime = runtime;
    this.tasks = tasks;
    this.management = management;
    this.history = history;
  }

  /**
   * The whole story, which must end the journey; returns how many notifications it wrote. A
   * check-in still waiting when the journey ended is left to close in the story's week after.
   */
  int finish(PatientStory story, Instant referral, Instant now) {
    return inOneTransaction(story, () -> {
      Patient patient = new Patient(story);
      String journey = live(story.steps(), patient, referral);
      Instant weekAfter = clock.now().toInstant().plus(Duration.ofDays(7));
      runJobsUntil(journey, patient, weekAfter.isBefore(now) ? weekAfter : now);
      if (history.createHistoricProcessInstanceQuery().processInstanceId(journey).finished().count() == 0) {
        throw new IllegalStateException("demo patient " + story.patientId() + ": the journey did not end");
      }
    });
  }

  /** The story up to its last step, which is left waiting in a queue at {@code now}. */
  int leaveWaiting(PatientStory story, Instant referral, Instant now) {
    return inOneTransaction(story, () -> {
      Patient patient = new Patient(story);
      String journey = live(story.done(), patient, referral);
      runJobsUntil(journey, patient, now);
      openTask(story.patientId(), story.next());
    });
  }

  /**
   * One transaction per patient: a story that fails leaves nothing half-written, commits are
   * fewer, and nothing is seen before its end: not the job executor's due timers, not the
   * dispatcher's waiting mail, which is marked delivered, because it belongs to the past.
   */
  private int inOneTransaction(PatientStory story, Runnable live) {
    return transaction.execute(status -> {
      live.run();
      return outbox.markDelivered(story.patientId(), DELIVERED_BY);
    });
  }

  /**
   * A patient being written: their story, the check-ins they were sent so far and those still
   * open, and the answers still to give, by check-in, with when.
   */
  private record Patient(PatientStory story, Set<String> sent, Set<String> open, Map<String, Reply> replies) {

    Patient(PatientStory story) {
      this(story, new HashSet<>(), new HashSet<>(), new HashMap<>());
    }

    String patientId() {
      return story.patientId();
    }
  }

  private record Reply(Instant at, Map<String, Object> answers) {}

  private String live(List<StoryStep> steps, Patient patient, Instant referral) {
    String patientId = patient.patientId();
    String journey = null;
    for (StoryStep step : steps) {
      Instant at = referral.plus(step.at());
      if (journey != null) {
        runJobsUntil(journey, patient, at);
      }
      clock.set(at);
      Map<String, Object> values = answers(step, referral);
      switch (step.activityId()) {
        case StoryStep.REFERRAL -> journey = runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, values).getId();
        case StoryStep.WITHDRAWAL -> runtime.createMessageCorrelation(Journeys.PATIENT_WITHDREW)
            .processInstanceId(journey).correlate();
        default -> complete(openTask(patientId, step), patientId, values);
      }
    }
    runJobsUntil(journey, patient, clock.now().toInstant());
    return journey;
  }

  /** The task's group's demo user who looks after this patient claims and completes it. */
  private void complete(Task task, String patientId, Map<String, Object> values) {
    String group = groups.computeIfAbsent(task.getTaskDefinitionKey(), activity ->
        tasks.getIdentityLinksForTask(task.getId()).stream()
            .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
            .map(IdentityLink::getGroupId)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("task " + activity + " has no group")));
    String user = DemoUsers.userOf(group, patientId);
    tasks.claim(task.getId(), user);
    tasks.complete(task.getId(), values);
  }

  /** The story's next step has no open task at this point of the journey. */
  static class NoOpenTask extends IllegalStateException {
    NoOpenTask(String message) {
      super(message);
    }
  }

  private Task openTask(String patientId, StoryStep step) {
    List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(patientId)
        .taskDefinitionKey(step.activityId()).orderByTaskCreateTime().asc().listPage(0, 1);
    if (open.isEmpty()) {
      List<String> waiting = tasks.createTaskQuery().processInstanceBusinessKey(patientId).list().stream()
          .map(Task::getTaskDefinitionKey).toList();
      throw new NoOpenTask("demo patient " + patientId + " has no open task " + step.activityId()
          + " at " + clock.now().toInstant() + "; open: " + waiting);
    }
    return open.get(0);
  }

  /**
   * Time passes until {@code until}: each timer fires at its due time, each notification is queued
   * as soon as it is waiting, and the patient answers each check-in when their story says, all in
   * time order, so the history shows when things happened. A check-in has jobs of its own: it is
   * not part of the journey's tree.
   */
  private void runJobsUntil(String journey, Patient patient, Instant until) {
    for (int fired = 0; fired < 1000; fired++) {
      List<Job> waiting = new ArrayList<>(jobsOf(journey));
      for (Iterator<String> open = patient.open().iterator(); open.hasNext(); ) {
        String checkIn = open.next();
        List<Job> jobs = jobsOf(checkIn);
        // Waiting for the patient, a check-in always has its expiry timer: no job and no reply left means it ended.
        if (jobs.isEmpty() && !patient.replies().containsKey(checkIn)) {
          open.remove();
        }
        waiting.addAll(jobs);
      }
      Optional<Job> next = waiting.stream()
          .filter(job -> job.getDuedate() == null || !job.getDuedate().toInstant().isAfter(until))
          .min(Comparator.comparing(Job::getDuedate, Comparator.nullsFirst(Comparator.naturalOrder())));
      Optional<Map.Entry<String, Reply>> reply = patient.replies().entrySet().stream()
          .filter(answer -> !answer.getValue().at().isAfter(until))
          .min(Comparator.comparing(answer -> answer.getValue().at()));
      Instant jobDue = next.map(job -> job.getDuedate() == null ? clock.now().toInstant() : job.getDuedate().toInstant())
          .orElse(null);
      if (reply.isPresent() && (jobDue == null || reply.get().getValue().at().isBefore(jobDue))) {
        answer(patient, reply.get().getKey());
        continue;
      }
      if (next.isEmpty()) {
        clock.set(until);
        return;
      }
      Date due = next.get().getDuedate();
      if (due != null && due.after(clock.now())) {
        clock.set(due);
      }
      management.executeJob(next.get().getId());
      if (SENDS_CHECK_IN.contains(activityOf(next.get()))) {
        runtime.createProcessInstanceQuery().processDefinitionKey(Journeys.PATIENT_CHECK_IN)
            .processInstanceBusinessKey(patient.patientId()).list().stream().map(ProcessInstance::getId)
            .filter(patient.sent()::add)
            .forEach(checkIn -> plan(patient, checkIn));
      }
    }
    throw new IllegalStateException("jobs keep falling due in journey " + journey);
  }

  /** The step a job runs, by its definition: few, and each looked up once. */
  private String activityOf(Job job) {
    return jobSteps.computeIfAbsent(job.getJobDefinitionId(), definition -> management.createJobDefinitionQuery()
        .jobDefinitionId(definition).singleResult().getActivityId());
  }

  private List<Job> jobsOf(String root) {
    return management.createJobQuery().rootProcessInstanceId(root).withRetriesLeft().list();
  }

  /** The next of the story's replies for a check-in just sent: answered some hours on, or never. */
  private void plan(Patient patient, String checkIn) {
    List<CheckInReply> replies = patient.story().checkIns();
    int index = patient.sent().size() - 1;
    patient.open().add(checkIn);
    if (index < replies.size() && replies.get(index).answered()) {
      patient.replies().put(checkIn, new Reply(clock.now().toInstant().plus(replies.get(index).after()),
          replies.get(index).answers()));
    }
  }

  private void answer(Patient patient, String checkIn) {
    Reply reply = patient.replies().remove(checkIn);
    if (reply.at().isAfter(clock.now().toInstant())) {
      clock.set(reply.at());
    }
    runtime.createMessageCorrelation(Journeys.CHECK_IN_SUBMITTED).processInstanceId(checkIn)
        .setVariables(reply.answers()).correlate();
  }

  private static Map<String, Object> answers(StoryStep step, Instant referral) {
    Map<String, Object> values = new HashMap<>(step.values());
    values.replaceAll((name, value) -> value instanceof StoryStep.At at
        ? referral.plus(at.at()).truncatedTo(ChronoUnit.MINUTES).toString()
        : value);
    return values;
  }
}
