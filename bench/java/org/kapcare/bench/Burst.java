package org.kapcare.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.kapcare.Answers;
import org.kapcare.clinic.Journeys;
import org.kapcare.integrationwindow.WindowsRecord;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The windows of one burst, all of one kind, keyed {@code <prefix>-00000} onwards: when their
 * deadlines fall, how they are put in place through an engine, and what the database then says of
 * their escalations. The deadlines fall as densely as the 10,000 in one minute: a smaller
 * burst is shorter, not thinner, so that it still presses the job executor as the full one does.
 */
final class Burst {

  /** kapcare.integration.window as shipped. */
  static final Duration WINDOW = Duration.ofHours(48);
  private static final int FULL_COUNT = 10_000;
  private static final int FULL_SPREAD_SECONDS = 60;
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
  private static final String ALERT = WindowsRecord.ALERT;
  private static final String REMINDER = WindowsRecord.REMINDER;
  private static final int THREADS = 2;

  enum Kind {
    /** KAP Care's own: window opener, reminder, deadline timer, alert step (outbox), escalation to the journey. */
    KAP_CARE(Journeys.DOSING_SESSION, "dischargeCheck", "integrationDeadlinePassed", "reviewMissedIntegration"),
    /** The engine's floor: a task whose completion opens a wait with a timer that opens another task. */
    BARE("bare-window", "bookSession", "deadlinePassed", "bareEscalation");

    /** The process that holds the window, and the task whose completion opens it. */
    final String process;
    final String opener;
    final String timer;
    final String escalation;

    Kind(String process, String opener, String timer, String escalation) {
      this.process = process;
      this.opener = opener;
      this.timer = timer;
      this.escalation = escalation;
    }
  }

  record Lags(String summary, double lastAfterLastDeadline, double drain, int missing, int duplicated) {}

  /**
   * What a burst left: its escalations and, for KAP Care, its managers' alerts as queued and as
   * delivered, and the journeys the cluster test's exactly-once check finds wanting ({@link WindowsRecord}).
   */
  record Result(double setupSeconds, Lags escalations, Lags alertsQueued, Lags alertsDelivered, List<String> notExactlyOnce) {
    int failures() {
      int failures = escalations.missing() + escalations.duplicated();
      return alertsQueued == null ? failures : failures + alertsQueued.missing() + alertsQueued.duplicated() + notExactlyOnce.size();
    }
  }

  private final Kind kind;
  private final String prefix;
  private final int count;
  private final int spreadSeconds;
  /** The open task of each window whose completion opens it: the discharge check, or the bare booking. */
  private final String[] openers;
  /** Each window's index by the id of the process instance that holds it. */
  private final Map<String, Integer> index = new HashMap<>();
  private Instant first;
  private long setupNanos;

  Burst(Kind kind, String prefix, int count) {
    this.kind = kind;
    this.prefix = prefix;
    this.count = count;
    this.spreadSeconds = spreadSeconds(count);
    this.openers = new String[count];
  }

  Kind kind() {
    return kind;
  }

  int spreadSeconds() {
    return spreadSeconds;
  }

  /** Over how many seconds the deadlines of {@code count} windows fall: 60 for 10,000, 6 for 1,000. */
  static int spreadSeconds(int count) {
    return Math.max(1, FULL_SPREAD_SECONDS * count / FULL_COUNT);
  }

  Instant first() {
    return first;
  }

  Instant lastDeadline() {
    return deadline(Math.min(count, spreadSeconds) - 1);
  }

  /** When window {@code i}'s deadline falls: as many at each second of the spread. */
  Instant deadline(int i) {
    return first.plusSeconds(i % spreadSeconds);
  }

  private String key(int i) {
    return String.format("%s-%05d", prefix, i);
  }

  private String like() {
    return prefix + "-%";
  }

  private static int index(String key) {
    return Integer.parseInt(key.substring(key.lastIndexOf('-') + 1));
  }

  // --- set-up: to the step that opens a window, the opening, and in real time the deadlines moved --

  /**
   * Brings every window to the step that opens it. KAP Care: the journey is started at its dosing
   * series and its dose moved to the discharge check (process instance modification, 50 doses at a
   * time as an administrator's batch would). Bare: a process waits at its booking task.
   */
  void prepare(ProcessEngine engine) {
    RuntimeService runtime = engine.getRuntimeService();
    long started = System.nanoTime();
    if (kind == Kind.KAP_CARE) {
      parallel("journeys at their dosing series", count, i -> runtime
          .createProcessInstanceByKey(Journeys.CARE_JOURNEY)
          .businessKey(key(i))
          .setVariables(Answers.map("patientId", key(i), "patientName", "Bench Patient", "patientEmail",
              "patient@example.org", "route", "IV", "weightKg", 70.0, "seriesDoses", 1))
          .startBeforeActivity("dosingSeries#multiInstanceBody")
          .execute());
      List<ProcessInstance> doses = instances(runtime);
      int chunks = (doses.size() + 49) / 50;
      parallel("doses moved to the discharge check, by 50", chunks, c -> runtime
          .createModification(doses.get(0).getProcessDefinitionId())
          .cancelAllForActivity("scheduleDosing")
          .startBeforeActivity(kind.opener)
          .processInstanceIds(doses.subList(c * 50, Math.min(doses.size(), (c + 1) * 50)).stream()
              .map(ProcessInstance::getId).toList())
          .execute());
    } else {
      engine.getRepositoryService().createDeployment().name(kind.process).enableDuplicateFiltering(false)
          .addModelInstance(kind.process + ".bpmn", bareModel()).deploy();
      parallel("bare processes at their booking", count, i -> runtime.startProcessInstanceByKey(kind.process, key(i)));
    }
    instances(runtime).forEach(instance -> index.put(instance.getId(), index(instance.getBusinessKey())));
    engine.getTaskService().createTaskQuery().taskDefinitionKey(kind.opener).processInstanceBusinessKeyLike(like())
        .list().forEach(task -> openers[index.get(task.getProcessInstanceId())] = task.getId());
    setupNanos += System.nanoTime() - started;
  }

  /** The instances of the process that holds these windows. */
  private List<ProcessInstance> instances(RuntimeService runtime) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(kind.process)
        .processInstanceBusinessKeyLike(like()).list();
  }

  private static BpmnModelInstance bareModel() {
    return Bpmn.createExecutableProcess(Kind.BARE.process).camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask(Kind.BARE.opener)
        .userTask("waitForSession")
        .boundaryEvent(Kind.BARE.timer).cancelActivity(false).timerWithDate("${deadline}")
        .userTask(Kind.BARE.escalation)
        .endEvent()
        .moveToActivity("waitForSession").endEvent()
        .done();
  }

  /**
   * Opens every window so that the deadlines fall from {@code first} on. KAP Care: the discharge
   * check is completed with the form's real values, its discharge time a window's length before the
   * deadline; bare: the booking is completed with the deadline.
   */
  void open(ProcessEngine engine, Instant first) {
    this.first = first;
    TaskService tasks = engine.getTaskService();
    long started = System.nanoTime();
    parallel(kind == Kind.KAP_CARE ? "discharges" : "bare bookings", count, i -> {
      if (kind == Kind.KAP_CARE) {
        tasks.setVariables(openers[i], Answers.observedUntil(deadline(i).minus(WINDOW)));
        tasks.complete(openers[i], Answers.dischargeCheck(deadline(i).minus(WINDOW).toString()));
      } else {
        tasks.complete(openers[i], Map.of("deadline", Date.from(deadline(i))));
      }
    });
    setupNanos += System.nanoTime() - started;
  }

  /**
   * Moves every window's deadline timer so that the deadlines fall from {@code first} on, as
   * Cockpit's "change due date" does; answers when the last was moved. Windows opened with their
   * deadlines hours away can then be given deadlines that fall after all the set-up's work, however
   * long that took: the opening, and on the nodes the reminders it made due.
   */
  Instant reschedule(ProcessEngine engine, Instant first) {
    this.first = first;
    ManagementService management = engine.getManagementService();
    // Filtered here: JobQuery.processInstanceIds(index.keySet()) made SQL that PostgreSQL refused (a syntax error).
    List<Job> timers = management.createJobQuery().timers().activityId(kind.timer).list().stream()
        .filter(timer -> index.containsKey(timer.getProcessInstanceId())).toList();
    if (timers.size() != count) {
      throw new IllegalStateException(count + " deadline timers expected, " + timers.size() + " found");
    }
    long started = System.nanoTime();
    parallel("deadlines moved", count, t -> management.setJobDuedate(timers.get(t).getId(),
        Date.from(deadline(index.get(timers.get(t).getProcessInstanceId())))));
    setupNanos += System.nanoTime() - started;
    return Instant.now();
  }

  double setupSeconds() {
    return seconds(setupNanos);
  }

  // --- what the database says ------------------------------------------------------------------

  long escalated(JdbcTemplate jdbc) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM (" + ESCALATIONS + ") e", Long.class, kind.escalation, like());
  }

  long alertsDelivered(JdbcTemplate jdbc) {
    return sent(jdbc, ALERT);
  }

  /** Each KAP Care window reminds the coordinators and the therapists once, halfway through. */
  long remindersDelivered(JdbcTemplate jdbc) {
    return sent(jdbc, REMINDER);
  }

  long remindersExpected() {
    return 2L * count;
  }

  private long sent(JdbcTemplate jdbc, String template) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM kapcare_notification WHERE template = ? AND patient_id LIKE ?"
        + " AND status = 'SENT'", Long.class, template, like());
  }

  Result result(JdbcTemplate jdbc) {
    Lags escalations = lags(jdbc, ESCALATIONS, kind.escalation);
    return kind == Kind.BARE ? new Result(setupSeconds(), escalations, null, null, List.of())
        : new Result(setupSeconds(), escalations, lags(jdbc, ALERTS_QUEUED, ALERT), lags(jdbc, ALERTS_SENT, ALERT),
            unchecked(() -> record(jdbc).notExactlyOnce()));
  }

  /** What the database holds of these windows, read as the cluster test reads it. */
  WindowsRecord record(JdbcTemplate jdbc) {
    return new WindowsRecord((sql, args) -> jdbc.query(sql, (ResultSet rs, int row) -> {
      List<Object> columns = new ArrayList<>();
      for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
        columns.add(rs.getObject(c));
      }
      return columns;
    }, args), prefix);
  }

  /** Successful jobs of one step of these windows (the deadline timer, the alert step), by the node that ran them. */
  Map<String, Long> jobsByNode(JdbcTemplate jdbc, String activityId) {
    return unchecked(() -> record(jdbc).jobsByNode(activityId, Instant.EPOCH));
  }

  /** Job attempts that failed (and were retried by the engine), such as two nodes updating one journey at once. */
  long failedJobAttempts(JdbcTemplate jdbc) {
    return unchecked(() -> record(jdbc).failedJobAttempts()).stream().mapToLong(row -> ((Number) row.get(3)).longValue()).sum();
  }

  private interface SqlCall<T> {
    T call() throws SQLException;
  }

  private static <T> T unchecked(SqlCall<T> call) {
    try {
      return call.call();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String ESCALATIONS = """
      SELECT e.BUSINESS_KEY_, t.CREATE_TIME_ FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_
       WHERE t.TASK_DEF_KEY_ = ? AND e.BUSINESS_KEY_ LIKE ?""";
  private static final String ALERTS_QUEUED = """
      SELECT patient_id, created_at FROM kapcare_notification
       WHERE template = ? AND patient_id LIKE ? AND recipient = 'managers'""";
  private static final String ALERTS_SENT = """
      SELECT patient_id, sent_at FROM kapcare_notification
       WHERE template = ? AND patient_id LIKE ? AND recipient = 'managers'""";

  /** Each row's time minus its window's deadline; the window is known by its index in the key. */
  private Lags lags(JdbcTemplate jdbc, String sql, String what) {
    Map<Integer, Integer> seen = new HashMap<>();
    Instant[] last = {null};
    double[] lags = jdbc.query(sql, (ResultSet rs, int row) -> {
      int i = index(rs.getString(1));
      seen.merge(i, 1, Integer::sum);
      Instant at = at(rs, 2);
      last[0] = last[0] == null || at.isAfter(last[0]) ? at : last[0];
      return Duration.between(deadline(i), at).toMillis() / 1000.0;
    }, what, like()).stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Instant lastRow = last[0] == null ? lastDeadline() : last[0];
    int duplicated = seen.values().stream().mapToInt(times -> times - 1).sum();
    String summary = lags.length == 0 ? "none" : String.format("%.1f / %.1f / %.1f", percentile(lags, 50),
        percentile(lags, 95), lags[lags.length - 1]);
    return new Lags(summary, seconds(lastDeadline(), lastRow), seconds(first, lastRow), count - seen.size(),
        duplicated);
  }

  private static Instant at(ResultSet rs, int column) throws SQLException {
    Object value = rs.getObject(column);
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    return rs.getTimestamp(column).toInstant();
  }

  private static double percentile(double[] sorted, int percent) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
  }

  // --- plumbing shared by the runs -------------------------------------------------------------

  static void awaitCount(String what, LongSupplier count, long target) {
    long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
    long shown = -1;
    while (true) {
      long now = count.getAsLong();
      if (now >= target) {
        return;
      }
      if (now / Math.max(1, target / 10) != shown) {
        shown = now / Math.max(1, target / 10);
        System.out.printf("  waiting for %s: %d of %d%n", what, now, target);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Gave up waiting for " + what + ": " + now + " of " + target);
      }
      // Seldom: a count reads all of ACT_RU_TASK (no index on TASK_DEF_KEY_), 0.1 s of PostgreSQL's
      // time at 80,000 tasks, and would compete with the burst it watches.
      sleep(2000);
    }
  }

  /** Runs {@code body} for 0..count-1 on two threads, as two coordinators' browsers would. */
  private static void parallel(String what, int count, IntConsumer body) {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      Future<?>[] workers = new Future<?>[THREADS];
      for (int w = 0; w < workers.length; w++) {
        workers[w] = pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            body.accept(i);
            if ((i + 1) % Math.max(1, count / 10) == 0) {
              System.out.printf("  setting up %s: %d of %d%n", what, i + 1, count);
            }
          }
          return null;
        });
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("Setting up " + what + " failed", e);
    } finally {
      pool.shutdownNow();
    }
  }

  static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
