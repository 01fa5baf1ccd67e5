package org.kapcare.integrationwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kapcare.integrationwindow.WindowsRecord.ALERT;
import static org.kapcare.integrationwindow.WindowsRecord.ALERT_STEP;
import static org.kapcare.integrationwindow.WindowsRecord.DEADLINE_TIMER;
import static org.kapcare.integrationwindow.WindowsRecord.ESCALATION;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcare.Answers;
import org.kapcare.ClusterNode;
import org.kapcare.PackagedApp;
import org.kapcare.Postgres;

/**
 * The integration window on a cluster: two nodes of the packaged jar, each in its own JVM, on one
 * PostgreSQL, as a clinic runs KAP Care in production. Many windows close at the same instant; every
 * one must escalate exactly once (one "Review missed integration window" task in the journey's
 * history, one managers' alert in the outbox), with no incident, whether both nodes work, one is
 * killed halfway, or none runs when the deadlines pass and one starts afterwards.
 *
 * <p>The journeys are put at their integration window through the engine REST API as the clinic's
 * administrator, as {@code bench/…/EscalationBurst} does in process: a journey started at its
 * dosing series, the dose moved to its discharge check, and that check completed with the form's
 * real values. The window is the production default (48 hours); the discharge time on the form is
 * set 48 hours before the instant the test wants the windows to close, which the discharge check
 * allows (a nurse may record a discharge late; only future times are refused). Each window's
 * reminder therefore falls due as the discharge is recorded and is sent during the set-up.
 *
 * <p>Figures (set-up, lags, how the nodes shared the work) are printed to the test's output,
 * {@code target/failsafe-reports/org.kapcare.integrationwindow.IntegrationWindowClusterIT-output.txt};
 * each node's log is next to it, {@code IntegrationWindowClusterIT-node-a.log} and so on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntegrationWindowClusterIT {

  /** The first administrator a clinic's deployment names; the only user outside the demo profile. */
  private static final String ADMIN = "ops-admin";
  private static final String ADMIN_PASSWORD = "Cluster-Test-2026!";
  /** kapcare.integration.window as shipped. */
  private static final Duration WINDOW = Duration.ofHours(48);
  /**
   * How long a node owns a job (or an outbox row) it took. The app's setting is 5 minutes
   * (application.yaml, and kapcare.notify.lock-time): a job a node took just before it died waits that
   * long before another node may run it, and the killed-node test would wait as long. 15 seconds is
   * still far above the time any of these jobs takes (well under a second), so a live node never
   * loses a job it holds to the other one.
   */
  private static final Duration LOCK_TIME = Duration.ofSeconds(15);
  private static final int CLIENT_THREADS = 4;


  @RegisterExtension
  static final Postgres postgres = new Postgres();

  private static final EngineRest rest = new EngineRest(ADMIN, ADMIN_PASSWORD);
  private static ClusterNode nodeA;
  private static ClusterNode nodeB;

  @BeforeAll
  static void startTwoNodes() throws Exception {
    Path work = Path.of("target", "cluster-it").toAbsolutePath();
    nodeA = node("node-a", work);
    nodeB = node("node-b", work);
    // One after the other, as an operator brings a new cluster up: the first start on an empty
    // database makes the schema, the first administrator, the groups and filters, and deploys the
    // models. Two first starts at once are not what these tests are about.
    nodeA.start();
    nodeB.start();
  }

  private static ClusterNode node(String name, Path work) {
    Map<String, String> environment = Map.of(
        "KAPCARE_DB_URL", postgres.jdbcUrl(),
        "KAPCARE_DB_USER", postgres.user(),
        "KAPCARE_DB_PASSWORD", postgres.password(),
        "KAPCARE_ADMIN_USER", ADMIN,
        "KAPCARE_ADMIN_PASSWORD", ADMIN_PASSWORD);
    List<String> arguments = List.of(
        "--spring.profiles.active=postgres",
        // Written into ACT_HI_JOB_LOG.HOSTNAME_ by every job: the default (IP and engine name) is the
        // same for two nodes on one machine, so the test could not tell who did what.
        "--camunda.bpm.generic-properties.properties.hostname=" + name,
        "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME.toMillis(),
        "--kapcare.notify.lock-time=" + LOCK_TIME);
    Path logs = PackagedApp.logFolder().resolve(IntegrationWindowClusterIT.class.getSimpleName());
    return new ClusterNode(name, logs, environment, arguments, work);
  }

  @AfterAll
  static void stopNodes() throws InterruptedException {
    for (ClusterNode node : new ClusterNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.stop();
      }
    }
  }

  // --- the tests -----------------------------------------------------------------------------

  @Test
  @Order(1)
  void aThousandWindowsClosingTogetherOnTwoNodesEscalateExactlyOnceEach() throws Exception {
    startIfStopped(nodeA, nodeB);
    Windows windows = dischargeTogether("CA", 1000, Duration.ofSeconds(10), List.of(nodeA, nodeB), true);

    awaitCount("escalations", () -> escalations(windows), windows.count(), windows.deadline().plus(Duration.ofMinutes(3)));
    awaitCount("managers' alerts delivered", () -> alertsDelivered(windows), windows.count(),
        Instant.now().plus(Duration.ofMinutes(1)));

    assertEveryWindowEscalatedExactlyOnce(windows);
    assertThat(deliveries(windows, nodeA, nodeB).values().stream().mapToLong(Long::longValue).sum())
        .as("alerts delivered, counted in the dispatchers' log lines of both nodes").isEqualTo(windows.count());

    Map<String, Long> timers = jobsByNode(windows, DEADLINE_TIMER, null);
    Map<String, Long> alerts = jobsByNode(windows, ALERT_STEP, null);
    report(windows, "two nodes", List.of(nodeA, nodeB));
    assertThat(timers.keySet()).as("both nodes fired deadline timers: " + timers).contains("node-a", "node-b");
    assertThat(alerts.keySet()).as("both nodes escalated: " + alerts).contains("node-a", "node-b");
  }

  @Test
  @Order(2)
  void whenOneNodeIsKilledMidBurstTheOtherFinishesEveryEscalation() throws Exception {
    startIfStopped(nodeA, nodeB);
    Windows windows = dischargeTogether("CB", 200, Duration.ofSeconds(15), List.of(nodeA, nodeB), true);

    // Two nodes escalate 200 windows in a second or two once they start: watch closely to kill in the middle.
    int killAfter = windows.count() / 10;
    awaitCount("escalations before the kill", () -> escalations(windows), killAfter,
        windows.deadline().plus(Duration.ofMinutes(2)), Duration.ofMillis(20));
    nodeA.kill();
    Instant killedAt = Instant.now();
    long escalatedAtKill = escalations(windows);
    List<LockedJob> lockedAtKill = lockedJobs(windows);
    print("%s: node-a killed (kill -9) %.1f s after the deadline, with %d of %d windows escalated and %d jobs locked",
        windows.prefix(), seconds(windows.deadline(), killedAt), escalatedAtKill, windows.count(), lockedAtKill.size());
    assertThat(escalatedAtKill).as("node-a was killed before the burst was over").isLessThan(windows.count());

    awaitCount("escalations after the kill", () -> escalations(windows), windows.count(), killedAt.plus(Duration.ofMinutes(2)));
    awaitCount("managers' alerts delivered", () -> alertsDelivered(windows), windows.count(),
        Instant.now().plus(Duration.ofMinutes(1)));

    assertEveryWindowEscalatedExactlyOnce(windows);
    Map<String, Long> afterKill = new TreeMap<>(jobsByNode(windows, DEADLINE_TIMER, killedAt));
    jobsByNode(windows, ALERT_STEP, killedAt).forEach((node, jobs) -> afterKill.merge(node, jobs, Long::sum));
    assertThat(afterKill.keySet()).as("jobs finished after the kill, by node").containsOnly("node-b");

    // The killed node's jobs: locked at the kill, finished by node-b once their lock had expired.
    List<Instant> takenOver = takenOverAfterLockExpiry(lockedAtKill);
    print("%s: %d jobs node-a held when it died were run by node-b after their lock expired; the last %.1f s after the kill",
        windows.prefix(), takenOver.size(), takenOver.stream().map(at -> seconds(killedAt, at)).max(Double::compare).orElse(0.0));
    assertThat(takenOver).as("node-a held jobs when it was killed, and node-b took them over").isNotEmpty();
    // The outbox delivers at least once: a row node-a logged but had not yet marked as sent when it died
    // is delivered again by node-b once node-a's hold on it expires. Shown, not asserted.
    Map<String, Long> deliveries = deliveries(windows, nodeA, nodeB);
    print("%s: managers' alerts delivered by node-a (before the kill) and node-b: %s; delivered twice: %d", windows.prefix(),
        deliveries, deliveries.values().stream().mapToLong(Long::longValue).sum() - windows.count());
    report(windows, "node-a killed halfway", List.of(nodeB));
  }

  @Test
  @Order(3)
  void aNodeStartedAfterTheDeadlinesPassedFiresEveryOverdueTimerOnce() throws Exception {
    List<ClusterNode> running = List.of(nodeA, nodeB).stream().filter(ClusterNode::running).toList();
    if (running.isEmpty()) {
      nodeA.start();
      running = List.of(nodeA);
    }
    Windows windows = dischargeTogether("CC", 200, Duration.ofSeconds(15), running, false);

    for (ClusterNode node : running) {
      node.stop();
    }
    Instant stopped = Instant.now();
    print("%s: every node stopped %.1f s before the deadline", windows.prefix(), seconds(stopped, windows.deadline()));
    assertThat(stopped).as("every node stopped before the windows closed").isBefore(windows.deadline());
    sleepUntil(windows.deadline().plusSeconds(2));
    assertThat(escalations(windows)).as("nothing escalates while no node runs").isZero();

    ClusterNode restarted = nodeA;
    Instant launched = Instant.now();
    restarted.start();
    print("%s: %s started %.1f s after the deadline (%.1f s to start)", windows.prefix(), restarted,
        seconds(windows.deadline(), restarted.startedAt()), seconds(launched, restarted.startedAt()));
    awaitCount("escalations after the restart", () -> escalations(windows), windows.count(),
        Instant.now().plus(Duration.ofMinutes(2)));
    awaitCount("managers' alerts delivered", () -> alertsDelivered(windows), windows.count(),
        Instant.now().plus(Duration.ofMinutes(1)));

    assertEveryWindowEscalatedExactlyOnce(windows);
    assertThat(deliveries(windows, restarted)).as("alerts delivered, counted in the dispatcher's log lines")
        .containsExactly(Map.entry(restarted.name(), (long) windows.count()));
    assertThat(jobsByNode(windows, ALERT_STEP, null).keySet()).as("escalated by").containsOnly(restarted.name());
    List<Instant> escalated = escalationTimes(windows);
    assertThat(escalated).as("escalated once the node ran").allSatisfy(at -> assertThat(at).isAfter(launched));
    print("%s: last escalation %.1f s after %s had started", windows.prefix(),
        seconds(restarted.startedAt(), escalated.stream().max(Instant::compareTo).orElseThrow()), restarted);
    report(windows, "no node at the deadline, one started after it", List.of(restarted));
  }

  // --- putting journeys at their integration window ----------------------------------------

  /** Suspends a job definition, new jobs included, or activates it with its jobs. */
  private static void suspend(ClusterNode node, String jobDefinitionId, boolean suspended) throws Exception {
    ObjectNode state = EngineRest.object();
    state.put("suspended", suspended);
    state.put("includeJobs", true);
    rest.put(node, "/job-definition/" + jobDefinitionId + "/suspended", state);
  }

  /**
   * {@code count} journeys whose doses' integration windows all close at {@code deadline}; their
   * timers fall due at {@code due}, the deadline or, when held past it, their release.
   */
  record Windows(String prefix, int count, Instant deadline, Instant due) {
    String like() {
      return record().like();
    }

    WindowsRecord record() {
      return new WindowsRecord(IntegrationWindowClusterIT::rows, prefix);
    }

    String patient(int i) {
      return String.format("%s-%05d", prefix, i);
    }
  }

  /**
   * Starts the journeys, brings each dose to its discharge check and records the discharges so that
   * every window closes at the same instant. {@code held}: the deadline timers wait, suspended, until
   * the set-up is over, and the deadline is {@code lead} after the discharges begin (the timers fire
   * at the later of the deadline and their release). Not held: {@code lead} after the set-up is
   * expected to end, the expectation taken from how long starting the journeys took.
   */
  private static Windows dischargeTogether(String prefix, int count, Duration lead, List<ClusterNode> via, boolean held)
      throws Exception {
    Windows windows = new Windows(prefix, count, null, null);
    Instant began = Instant.now();
    parallel(count, i -> {
      ObjectNode start = EngineRest.object();
      start.put("businessKey", windows.patient(i));
      start.set("variables", EngineRest.variables(Answers.map("patientId", windows.patient(i), "patientName", "Cluster Patient",
          "patientEmail", "patient@example.org", "route", "IV", "weightKg", 70.0, "seriesDoses", 1)));
      start.putArray("startInstructions").addObject()
          .put("type", "startBeforeActivity").put("activityId", "dosingSeries#multiInstanceBody");
      rest.post(via.get(i % via.size()), "/process-definition/key/care-journey/start", start);
    });
    Duration starting = Duration.between(began, Instant.now());

    JsonNode doses = rest.get(via.get(0), "/process-instance?processDefinitionKey=dosing-session&businessKeyLike="
        + prefix + "-%25&maxResults=" + (count + 1));
    assertThat(doses).as("doses waiting to be booked").hasSize(count);
    List<List<JsonNode>> chunks = chunks(doses, 50);
    parallel(chunks.size(), c -> {
      ObjectNode modification = EngineRest.object();
      modification.put("processDefinitionId", chunks.get(c).get(0).get("definitionId").asText());
      ArrayNode instructions = modification.putArray("instructions");
      instructions.addObject().put("type", "startBeforeActivity").put("activityId", "dischargeCheck");
      instructions.addObject().put("type", "cancel").put("activityId", "scheduleDosing");
      ArrayNode ids = modification.putArray("processInstanceIds");
      chunks.get(c).forEach(dose -> ids.add(dose.get("id").asText()));
      rest.post(via.get(c % via.size()), "/modification/execute", modification);
    });
    JsonNode checks = rest.get(via.get(0), "/task?taskDefinitionKey=dischargeCheck&processInstanceBusinessKeyLike="
        + prefix + "-%25&maxResults=" + (count + 1));
    assertThat(checks).as("discharge checks open").hasSize(count);
    // What each dose's observation recorded (a modification sets no variables): the discharges below
    // fall about a window's length ago, seconds after this.
    ObjectNode observed = EngineRest.object();
    observed.set("modifications", EngineRest.variables(Answers.observedUntil(Instant.now().minus(WINDOW))));
    parallel(count, i -> rest.post(via.get(i % via.size()), "/process-instance/" + checks.get(i).get("processInstanceId").asText()
        + "/variables", observed));

    Instant moved = Instant.now();
    // Held: the deadline timers are made suspended and released together once every discharge is
    // recorded, so the deadline need only be the lead away, however long the set-up takes; if it is
    // passed by then, every timer is due at the release. Not held (the nodes must stop before the
    // deadline): recording the discharges costs up to 4 times as much as starting the journeys on 2
    // cores shared with other builds (200 started in 3.1 s, discharged in 12.4 s), so the deadline is
    // 3 times the start plus the lead away.
    String deadlineTimers = held ? rest.get(via.get(0), "/job-definition?maxResults=5&processDefinitionKey=dosing-session&activityIdIn="
        + DEADLINE_TIMER).get(0).get("id").asText() : null;
    if (held) {
      suspend(via.get(0), deadlineTimers, true);
    }
    Instant deadline = Instant.now().plus(held ? Duration.ZERO : starting.multipliedBy(3)).plus(lead)
        .truncatedTo(ChronoUnit.SECONDS);
    Windows closing = new Windows(prefix, count, deadline, deadline);
    String dischargedAt = deadline.minus(WINDOW).toString();
    parallel(count, i -> {
      ObjectNode completion = EngineRest.object();
      completion.set("variables", EngineRest.variables(Answers.dischargeCheck(dischargedAt)));
      rest.post(via.get(i % via.size()), "/task/" + checks.get(i).get("id").asText() + "/complete", completion);
    });
    Instant ready = Instant.now();

    List<Object> timers = row("""
        SELECT COUNT(*), MIN(j.DUEDATE_), MAX(j.DUEDATE_) FROM ACT_RU_JOB j
          JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_ JOIN ACT_HI_PROCINST p ON p.ID_ = j.PROCESS_INSTANCE_ID_
         WHERE d.ACT_ID_ = ? AND p.BUSINESS_KEY_ LIKE ?""", DEADLINE_TIMER, closing.like());
    print("%s: %d journeys at their integration window via %s in %.1f s (started %.1f s, moved to the discharge check "
            + "%.1f s, discharged %.1f s); all close at %s, %.1f s after the set-up ended", prefix, count, via,
        seconds(began, ready), starting.toMillis() / 1000.0, seconds(began.plus(starting), moved), seconds(moved, ready),
        deadline, seconds(ready, deadline));
    if (!held) {
      assertThat(ready).as("the set-up ended before the windows closed (it must be quicker, or the lead longer)")
          .isBefore(deadline);
    }
    assertThat(((Number) timers.get(0)).intValue()).as("deadline timers").isEqualTo(count);
    assertThat(List.of(((Timestamp) timers.get(1)).toInstant(), ((Timestamp) timers.get(2)).toInstant()))
        .as("first and last deadline timer due at").containsOnly(deadline);
    assertThat(escalations(closing)).as("nothing escalated before the deadline or the release").isZero();
    if (held) {
      suspend(via.get(0), deadlineTimers, false);
      Instant released = Instant.now();
      print("%s: deadline timers released %.1f s %s the deadline", prefix, Math.abs(seconds(released, deadline)),
          released.isBefore(deadline) ? "before" : "after");
      return new Windows(prefix, count, deadline, released.isAfter(deadline) ? released : deadline);
    }
    return closing;
  }

  // --- what the database says ----------------------------------------------------------------

  private static void assertEveryWindowEscalatedExactlyOnce(Windows windows) throws SQLException {
    assertThat(windows.record().journeys()).as("journeys").isEqualTo(windows.count());
    assertThat(windows.record().notExactlyOnce()).as("windows not escalated, alerted and reminded exactly once").isEmpty();
    assertThat(count("SELECT COUNT(*) FROM kapcare_notification WHERE template = ? AND patient_id LIKE ? AND recipient <> 'managers'",
        ALERT, windows.like())).as("alerts to anyone but the managers").isZero();
    assertThat(escalationTimes(windows)).as("escalations opened before the deadline")
        .allSatisfy(at -> assertThat(at).isAfterOrEqualTo(windows.deadline()));

    assertThat(rows("""
        SELECT i.ACTIVITY_ID_, i.INCIDENT_MSG_ FROM ACT_HI_INCIDENT i JOIN ACT_HI_PROCINST p ON p.ID_ = i.PROC_INST_ID_
         WHERE p.BUSINESS_KEY_ LIKE ?""", windows.like())).as("incidents").isEmpty();
    assertThat(rows("""
        SELECT d.ACT_ID_, j.RETRIES_, j.EXCEPTION_MSG_ FROM ACT_RU_JOB j JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_
          JOIN ACT_HI_PROCINST p ON p.ID_ = j.PROCESS_INSTANCE_ID_
         WHERE p.BUSINESS_KEY_ LIKE ? AND d.ACT_ID_ IN (?, ?)""", windows.like(), DEADLINE_TIMER, ALERT_STEP))
        .as("deadline or alert jobs left over").isEmpty();
    assertThat(count("""
        SELECT COUNT(*) FROM ACT_HI_VARINST v JOIN ACT_HI_PROCINST p ON p.ID_ = v.PROC_INST_ID_
         WHERE p.PROC_DEF_KEY_ = 'dosing-session' AND p.BUSINESS_KEY_ LIKE ? AND v.NAME_ = 'integrationWindowMissed'
           AND v.LONG_ = 1""", windows.like())).as("doses marked as missed").isEqualTo(windows.count());
  }

  private static long escalations(Windows windows) throws SQLException {
    return count("""
        SELECT COUNT(*) FROM ACT_HI_TASKINST t JOIN ACT_HI_PROCINST p ON p.ID_ = t.PROC_INST_ID_
         WHERE t.TASK_DEF_KEY_ = ? AND p.PROC_DEF_KEY_ = 'care-journey' AND p.BUSINESS_KEY_ LIKE ?""",
        ESCALATION, windows.like());
  }

  private static List<Instant> escalationTimes(Windows windows) throws SQLException {
    return instants("""
        SELECT t.START_TIME_ FROM ACT_HI_TASKINST t JOIN ACT_HI_PROCINST p ON p.ID_ = t.PROC_INST_ID_
         WHERE t.TASK_DEF_KEY_ = ? AND p.PROC_DEF_KEY_ = 'care-journey' AND p.BUSINESS_KEY_ LIKE ?""",
        ESCALATION, windows.like());
  }

  private static long alertsDelivered(Windows windows) throws SQLException {
    return count("SELECT COUNT(*) FROM kapcare_notification WHERE template = ? AND patient_id LIKE ? AND status = 'SENT'",
        ALERT, windows.like());
  }

  /** Successful jobs of one activity for these windows, by the node that ran them (optionally only after a moment). */
  private static Map<String, Long> jobsByNode(Windows windows, String activityId, Instant after) throws SQLException {
    return windows.record().jobsByNode(activityId, after == null ? Instant.EPOCH : after);
  }

  record LockedJob(String id, Instant lockExpires) {}

  private static List<LockedJob> lockedJobs(Windows windows) throws SQLException {
    List<LockedJob> locked = new ArrayList<>();
    for (List<Object> row : rows("""
        SELECT j.ID_, j.LOCK_EXP_TIME_ FROM ACT_RU_JOB j JOIN ACT_HI_PROCINST p ON p.ID_ = j.PROCESS_INSTANCE_ID_
         WHERE p.BUSINESS_KEY_ LIKE ? AND j.LOCK_OWNER_ IS NOT NULL""", windows.like())) {
      locked.add(new LockedJob((String) row.get(0), ((Timestamp) row.get(1)).toInstant()));
    }
    return locked;
  }

  /** When each job locked at the kill was finished, for those only node-b finished, after their lock expired. */
  private static List<Instant> takenOverAfterLockExpiry(List<LockedJob> locked) throws SQLException {
    List<Instant> takenOver = new ArrayList<>();
    for (LockedJob job : locked) {
      for (List<Object> row : rows("SELECT HOSTNAME_, TIMESTAMP_ FROM ACT_HI_JOB_LOG WHERE JOB_ID_ = ? AND JOB_STATE_ = 2",
          job.id())) {
        Instant finished = ((Timestamp) row.get(1)).toInstant();
        if ("node-b".equals(row.get(0)) && !finished.isBefore(job.lockExpires())) {
          takenOver.add(finished);
        }
      }
    }
    return takenOver;
  }

  // --- figures -------------------------------------------------------------------------------

  private static void report(Windows windows, String setting, List<ClusterNode> nodes) throws Exception {
    List<Double> lags = escalationTimes(windows).stream().map(at -> seconds(windows.due(), at)).sorted().toList();
    print("%s (%s): %d windows closing at %s, due at %s; escalation after that: first %.1f s, p50 %.1f s, p95 %.1f s, "
        + "last %.1f s", windows.prefix(), setting, windows.count(), windows.deadline(), windows.due(), lags.get(0),
        percentile(lags, 50), percentile(lags, 95), lags.get(lags.size() - 1));
    print("%s: last managers' alert queued %.1f s and delivered %.1f s after they fell due", windows.prefix(),
        seconds(windows.due(), latest("SELECT MAX(created_at) FROM kapcare_notification WHERE template = ? AND patient_id LIKE ?",
            windows)),
        seconds(windows.due(), latest("SELECT MAX(sent_at) FROM kapcare_notification WHERE template = ? AND patient_id LIKE ?",
            windows)));
    print("%s: deadline timers fired by %s; escalations (alert step) by %s", windows.prefix(),
        jobsByNode(windows, DEADLINE_TIMER, null), jobsByNode(windows, ALERT_STEP, null));
    print("%s: managers' alerts delivered by %s", windows.prefix(), deliveries(windows, nodes.toArray(ClusterNode[]::new)));
    List<List<Object>> failures = windows.record().failedJobAttempts();
    print("%s: failed job attempts (retried by the engine): %s", windows.prefix(), failures.isEmpty() ? "none" : failures);
  }

  private static Map<String, Long> deliveries(Windows windows, ClusterNode... nodes) throws IOException {
    return windows.record().alertDeliveries(List.of(nodes));
  }

  private static Instant latest(String sql, Windows windows) throws SQLException {
    List<Instant> at = instants(sql, ALERT, windows.like());
    return at.isEmpty() || at.get(0) == null ? windows.deadline() : at.get(0);
  }

  private static double percentile(List<Double> sorted, int percent) {
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1)));
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static void print(String format, Object... args) {
    System.out.printf("[cluster] " + format + "%n", args);
  }

  // --- plumbing ------------------------------------------------------------------------------

  private static void startIfStopped(ClusterNode... nodes) throws Exception {
    for (ClusterNode node : nodes) {
      if (!node.running()) {
        node.start();
      }
    }
  }

  interface Step {
    void run(int i) throws Exception;
  }

  /** Runs {@code step} for 0..count-1 on a few client threads, as several staff at once would. */
  private static void parallel(int count, Step step) throws Exception {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < CLIENT_THREADS; w++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
            step.run(i);
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<List<JsonNode>> chunks(JsonNode array, int size) {
    List<JsonNode> all = new ArrayList<>();
    array.forEach(all::add);
    return IntStream.range(0, (all.size() + size - 1) / size)
        .mapToObj(c -> all.subList(c * size, Math.min(all.size(), (c + 1) * size))).toList();
  }

  interface Count {
    long get() throws Exception;
  }

  private static void awaitCount(String what, Count count, long target, Instant giveUpAt) throws Exception {
    awaitCount(what, count, target, giveUpAt, Duration.ofMillis(200));
  }

  private static void awaitCount(String what, Count count, long target, Instant giveUpAt, Duration poll) throws Exception {
    long now = count.get();
    while (now < target) {
      if (Instant.now().isAfter(giveUpAt)) {
        throw new AssertionError("waited for " + what + " until " + giveUpAt + ": " + now + " of " + target
            + "; node logs in " + PackagedApp.logFolder());
      }
      Thread.sleep(poll.toMillis());
      now = count.get();
    }
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }

  private static long count(String sql, Object... args) throws SQLException {
    return ((Number) row(sql, args).get(0)).longValue();
  }

  private static List<Instant> instants(String sql, Object... args) throws SQLException {
    List<Instant> instants = new ArrayList<>();
    for (List<Object> row : rows(sql, args)) {
      Object value = row.get(0);
      instants.add(value == null ? null : value instanceof Timestamp timestamp ? timestamp.toInstant()
          : ((java.time.OffsetDateTime) value).toInstant());
    }
    return instants;
  }

  private static List<Object> row(String sql, Object... args) throws SQLException {
    List<List<Object>> rows = rows(sql, args);
    assertThat(rows).as(sql).hasSize(1);
    return rows.get(0);
  }

  private static List<List<Object>> rows(String sql, Object... args) throws SQLException {
    try (Connection connection = postgres.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      List<List<Object>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<Object> row = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            row.add(result.getObject(c));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }
}
