package org.kapcare.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.ArrayList;
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
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.kapcare.Answers;
import org.kapcare.KapCareApplication;
import org.kapcare.journey.Journeys;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 4's burst: N integration windows whose deadlines fall in the same minute, on one node with
 * H2 on file. Baseline, in the same run and engine: N bare processes whose only logic is a timer
 * that opens a task. For both, how long after each deadline its escalation exists, and whether
 * each exists exactly once.
 */
final class EscalationBurst {

  private static final Duration WINDOW = Duration.ofHours(48);
  private static final int SPREAD_SECONDS = 60;
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);

  private final int windows;

  EscalationBurst(int windows) {
    this.windows = windows;
  }

  /** When each window's deadline falls, by index: spread over one minute. */
  private static Instant deadline(Instant first, int i) {
    return first.plusSeconds(i % SPREAD_SECONDS);
  }

  void run(BenchReport report) throws Exception {
    Path folder = Path.of("target", "bench");
    Files.createDirectories(folder);
    for (String file : List.of("escalation.mv.db", "escalation.trace.db", "escalation.log")) {
      Files.deleteIfExists(folder.resolve(file));
    }
    List<String> args = new ArrayList<>(List.of(
        "--spring.profiles.active=bench",
        "--server.port=0",
        "--spring.datasource.url=jdbc:h2:file:./target/bench/escalation;DB_CLOSE_ON_EXIT=FALSE",
        "--logging.file.name=target/bench/escalation.log",
        "--logging.threshold.console=WARN",
        "--kapcare.notify.poll-interval=PT1S"));
    args.addAll(Bench.FIRST_ADMINISTRATOR);
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KapCareApplication.class)
        .run(args.toArray(String[]::new))) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      BenchReport.Section section = report.section("Escalation burst: " + windows
          + " integration windows closing in the same minute (H2 file, one node, default job executor)");

      Result bare = bareEngine(engine, jdbc);
      Result kapCare = kapCare(engine, jdbc);

      BenchReport.add(section, "bare engine: last escalation after the last deadline", bare.lastAfterLastDeadline(), "s");
      BenchReport.add(section, "bare engine: escalation lag p50 / p95 / max", bare.lags(), "s");
      BenchReport.add(section, "KAP Care: set-up of the discharged doses", kapCare.setupSeconds(), "s");
      BenchReport.add(section, "KAP Care: last escalation task after the last deadline", kapCare.lastAfterLastDeadline(), "s");
      BenchReport.add(section, "KAP Care: escalation lag p50 / p95 / max", kapCare.lags(), "s");
      BenchReport.add(section, "KAP Care: last managers' alert queued after the last deadline", kapCare.alertsQueued(), "s");
      BenchReport.add(section, "KAP Care: last managers' alert delivered (log) after the last deadline",
          kapCare.alertsDelivered(), "s");
      BenchReport.add(section, "KAP Care / bare engine, time to the last escalation",
          String.format("%.2f", kapCare.drainSeconds() / Math.max(bare.drainSeconds(), 0.001)), "x");
      BenchReport.add(section, "escalations: missing / duplicated", kapCare.missing() + " / " + kapCare.duplicated(), "");
      BenchReport.add(section, "managers' alerts: missing / duplicated", kapCare.alertsMissing() + " / "
          + kapCare.alertsDuplicated(), "");
      BenchReport.note(section, "Lag = when the escalation task was created minus its window's deadline, on the engine clock "
          + "(moved forward, running in real time). Drain = from the first deadline to the last escalation.");
      if (kapCare.missing() + kapCare.duplicated() + kapCare.alertsMissing() + kapCare.alertsDuplicated() > 0) {
        BenchReport.note(section, BenchReport.FAILED + "every window must escalate and alert exactly once.");
      }
    } finally {
      ClockUtil.reset();
    }
  }

  record Result(double setupSeconds, double lastAfterLastDeadline, String lags, double drainSeconds, int missing,
      int duplicated, double alertsQueued, double alertsDelivered, int alertsMissing, int alertsDuplicated) {}

  private Result bareEngine(ProcessEngine engine, JdbcTemplate jdbc) {
    BpmnModelInstance bare = Bpmn.createExecutableProcess("bare-window").camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("waitForSession")
        .boundaryEvent("deadlinePassed").cancelActivity(false).timerWithDate("${deadline}")
        .userTask("bareEscalation")
        .endEvent()
        .moveToActivity("waitForSession").endEvent()
        .done();
    engine.getRepositoryService().createDeployment().addModelInstance("bare-window.bpmn", bare).deploy();
    Instant first = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES);
    long started = System.nanoTime();
    parallel("bare windows", i -> engine.getRuntimeService().startProcessInstanceByKey("bare-window", key("bare", i),
        Map.of("deadline", Date.from(deadline(first, i)))));
    double setup = seconds(System.nanoTime() - started);

    moveClockTo(first.minusSeconds(2));
    awaitCount("bare escalations", () -> countTasks(jdbc, "bareEscalation"));
    Lags lags = lags(jdbc, TASKS_BY_KEY, "bareEscalation", first);
    return new Result(setup, lags.lastAfterLastDeadline(), lags.summary(), lags.drain(), lags.missing(), lags.duplicated(),
        0, 0, 0, 0);
  }

  private Result kapCare(ProcessEngine engine, JdbcTemplate jdbc) {
    ClockUtil.reset();
    Instant discharged = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES);
    RuntimeService runtime = engine.getRuntimeService();
    TaskService tasks = engine.getTaskService();
    long started = System.nanoTime();
    parallel("discharged doses", i -> {
      String patientId = key("B", i);
      String journey = runtime.createProcessInstanceByKey(Journeys.CARE_JOURNEY).businessKey(patientId)
          .setVariables(Answers.map("patientId", patientId, "patientName", "Bench Patient", "patientEmail",
              "patient@example.org", "route", "IV", "weightKg", 70.0, "seriesDoses", 1))
          .startBeforeActivity("dosingSeries#multiInstanceBody")
          .execute().getId();
      String dose = runtime.createProcessInstanceQuery().superProcessInstanceId(journey).singleResult().getId();
      runtime.createProcessInstanceModification(dose)
          .cancelAllForActivity("scheduleDosing")
          .startBeforeActivity("dischargeCheck")
          .execute();
      String task = tasks.createTaskQuery().processInstanceId(dose).taskDefinitionKey("dischargeCheck").singleResult().getId();
      tasks.complete(task, Answers.dischargeCheck(deadline(discharged, i).toString(), 70));
    });
    double setup = seconds(System.nanoTime() - started);

    // The reminders fall due a day earlier; they are let through first, untimed, as in a real clinic.
    moveClockTo(discharged.plus(WINDOW.dividedBy(2)).plusSeconds(SPREAD_SECONDS + 1));
    ManagementService jobs = engine.getManagementService();
    awaitCount("reminders", () -> windows - jobs.createJobQuery().activityId("integrationReminderDue").count()
        - jobs.createJobQuery().activityId("sendIntegrationReminder").count());
    awaitCount("reminders delivered", () -> jdbc.queryForObject(
        "SELECT COUNT(*) FROM kapcare_notification WHERE status = 'SENT'", Long.class), 2L * windows);

    Instant first = discharged.plus(WINDOW);
    moveClockTo(first.minusSeconds(2));
    awaitCount("escalations", () -> countTasks(jdbc, "reviewMissedIntegration"));
    awaitCount("alerts delivered", () -> jdbc.queryForObject(
        "SELECT COUNT(*) FROM kapcare_notification WHERE template = 'integration-window-missed' AND status = 'SENT'",
        Long.class));
    Lags escalations = lags(jdbc, TASKS_BY_KEY, "reviewMissedIntegration", first);
    Lags queued = lags(jdbc, ALERTS_QUEUED, "integration-window-missed", first);
    Lags delivered = lags(jdbc, ALERTS_SENT, "integration-window-missed", first);
    return new Result(setup, escalations.lastAfterLastDeadline(), escalations.summary(), escalations.drain(),
        escalations.missing(), escalations.duplicated(), queued.lastAfterLastDeadline(),
        delivered.lastAfterLastDeadline(), queued.missing(), queued.duplicated());
  }

  private static final String TASKS_BY_KEY = """
      SELECT e.BUSINESS_KEY_, t.CREATE_TIME_ FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION e ON e.ID_ = t.PROC_INST_ID_
       WHERE t.TASK_DEF_KEY_ = ?""";
  private static final String ALERTS_QUEUED =
      "SELECT patient_id, created_at FROM kapcare_notification WHERE template = ? AND recipient = 'managers'";
  private static final String ALERTS_SENT =
      "SELECT patient_id, sent_at FROM kapcare_notification WHERE template = ? AND recipient = 'managers'";

  record Lags(String summary, double lastAfterLastDeadline, double drain, int missing, int duplicated) {}

  /** Each row's time minus its window's deadline; the window is known by its index in the key. */
  private Lags lags(JdbcTemplate jdbc, String sql, String what, Instant first) {
    Map<Integer, Integer> seen = new HashMap<>();
    double[] lags = jdbc.query(sql, (ResultSet rs, int row) -> {
      int i = Integer.parseInt(rs.getString(1).substring(rs.getString(1).indexOf('-') + 1));
      seen.merge(i, 1, Integer::sum);
      return Duration.between(deadline(first, i), at(rs)).toMillis() / 1000.0;
    }, what).stream().mapToDouble(Double::doubleValue).sorted().toArray();
    Instant lastDeadline = deadline(first, Math.min(windows, SPREAD_SECONDS) - 1);
    Instant last = jdbc.query(sql, (rs, row) -> at(rs), what).stream().max(Instant::compareTo).orElse(lastDeadline);
    int duplicated = seen.values().stream().mapToInt(count -> count - 1).sum();
    String summary = lags.length == 0 ? "none" : String.format("%.1f / %.1f / %.1f", percentile(lags, 50),
        percentile(lags, 95), lags[lags.length - 1]);
    return new Lags(summary, Duration.between(lastDeadline, last).toMillis() / 1000.0,
        Duration.between(first, last).toMillis() / 1000.0, windows - seen.size(), duplicated);
  }

  private static Instant at(ResultSet rs) throws SQLException {
    Object value = rs.getObject(2);
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    return rs.getTimestamp(2).toInstant();
  }

  private static double percentile(double[] sorted, int percent) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
  }

  private static long countTasks(JdbcTemplate jdbc, String activityId) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = ?", Long.class, activityId);
  }

  /** Moves the engine clock to {@code instant}; from there it runs on in real time. */
  private static void moveClockTo(Instant instant) {
    ClockUtil.offset(instant.toEpochMilli() - System.currentTimeMillis());
  }

  private void awaitCount(String what, LongSupplier count) {
    awaitCount(what, count, windows);
  }

  private static void awaitCount(String what, LongSupplier count, long target) {
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
      sleep(200);
    }
  }

  /** Runs {@code body} for 0..windows-1 on two threads, as two coordinators' browsers would. */
  private void parallel(String what, IntConsumer body) {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?>[] workers = new Future<?>[2];
      for (int w = 0; w < workers.length; w++) {
        workers[w] = pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < windows; i = next.getAndIncrement()) {
            body.accept(i);
            if ((i + 1) % Math.max(1, windows / 10) == 0) {
              System.out.printf("  setting up %s: %d of %d%n", what, i + 1, windows);
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

  private static String key(String prefix, int i) {
    return String.format("%s-%05d", prefix, i);
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e7) / 100.0;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
