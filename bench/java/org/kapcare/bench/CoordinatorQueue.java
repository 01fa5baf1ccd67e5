package org.kapcare.bench;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.kapcare.Answers;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.Journeys;
import org.kapcare.security.Grants;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Issue 7's coordinator queue: N running care journeys on PostgreSQL ({@link RunningJourneys}), and
 * the care coordinators' Tasklist filter (candidate group care-coordinators, assigned tasks included,
 * by due date) listed and counted through the engine's REST API as Tasklist calls it, by a signed-in
 * coordinator, authorization checks on. Baseline, in the same database and run: as many bare
 * processes of one user task as the coordinators' queue holds tasks, with a group of their own, due
 * dates and a filter of the same shape, timed in turn with the journeys' queue. Both with the
 * statistics of db/vendor/postgresql/V4 and without them. Then a copied task is completed and a
 * journey started over REST, to show that the copies are whole; and copied tasks are completed with
 * V5's index on ACT_RU_TASK.PARENT_TASK_ID_ and without it, taking turns.
 */
final class CoordinatorQueue {

  /** Without V4 a call can take minutes: PostgreSQL cancels it after this (set while those few calls run). */
  private static final Duration CANCEL_AFTER = Duration.ofSeconds(20);
  private static final String BARE = "bare-queue";
  /** The queue reads runtime tables only; copying the journeys' history too takes 4 times as long. */
  private static final boolean HISTORY = false;
  /**
   * What Tasklist 7.24 (cam-tasklist-view-ctrl.js, through the SDK's Filter.getTasks) posts for a
   * filter's first page: its empty search, paging, its default sorting (after the filter's own) and
   * active tasks only. The variables it shows come from the filter's properties, not from the body.
   */
  private static final String TASKLIST_BODY = """
      {"processVariables":[],"taskVariables":[],"caseInstanceVariables":[],"firstResult":0,"maxResults":15,\
      "sorting":[{"sortBy":"created","sortOrder":"desc"}],"active":true}""";

  /** Staff with Tasklist open at once, each on their queue, which Tasklist reloads every 10 seconds. */
  private static final int SESSIONS = 50;
  private static final Duration TASKLIST_REFRESH = Duration.ofSeconds(10);

  private final int journeys;
  private final int calls;
  private final HttpClient http = HttpClient.newHttpClient();

  /** {@code calls} of each kind timed with the V4 migration (after a tenth as many), a hundredth without it. */
  CoordinatorQueue(int journeys, int calls) {
    this.journeys = journeys;
    this.calls = calls;
  }

  /** A filter, the user who opens it, and the port they call. */
  private record Queue(String label, String user, String filterId, EngineRest rest, String body) {

    Queue(String label, String user, String filterId, EngineRest rest) {
      this(label, user, filterId, rest, TASKLIST_BODY);
    }

    /** The same user and queue under another label, asked with another body. */
    Queue asking(String otherLabel, String otherBody) {
      return new Queue(otherLabel, user, filterId, rest, otherBody);
    }
  }

  void run(BenchReport report) throws Exception {
    Path folder = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(folder);
    Files.deleteIfExists(folder.resolve("queue.log"));
    try (ThrowawayPostgres postgres = ThrowawayPostgres.start(folder.resolve("queue-postgres"), 0)) {
      if (postgres == null) {
        BenchReport.note(report.section("Coordinator queue on PostgreSQL"), ThrowawayPostgres.SKIPPED);
        return;
      }
      String loadBefore = BenchReport.loadAverage();
      RunningJourneys.Filled filled = RunningJourneys.create(postgres.datasource(), journeys, HISTORY);
      // Console off: each call PostgreSQL cancels without V4 logs its stack trace; queue.log keeps everything.
      try (ConfigurableApplicationContext app = postgres.app("queue.log", Unguarded.class)) {
        EngineRest guarded = EngineRest.of(http, app);
        ProcessEngine engine = app.getBean(ProcessEngine.class);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        FilterService filters = engine.getFilterService();
        Queue coordinators = new Queue("KAP Care", EngineRest.user(engine, "queue-coordinator",
            ClinicGroup.CARE_COORDINATORS.id()), filters.createTaskFilterQuery()
            .filterName(ClinicGroup.CARE_COORDINATORS.queueName()).singleResult().getId(), guarded);
        // The same calls on the app's second port, where issue 16's guards are skipped (bench only).
        Queue unguarded = new Queue("KAP Care without the guards", coordinators.user(), coordinators.filterId(),
            Unguarded.engineRest(http, app));
        BenchReport.Section section = report.section(String.format("Coordinator queue on PostgreSQL: %,d running "
            + "journeys, the care coordinators' Tasklist filter over REST", filled.instances()));
        Unguarded.prove(section, guarded, unguarded.rest(), coordinators.user());
        BenchReport.add(section, "running journeys: demo clinic's templates written / copied / VACUUM ANALYZE",
            filled.templateSeconds() + " / " + filled.copySeconds() + " / " + filled.vacuumSeconds(), "s");
        BenchReport.add(section, "rows the copies wrote", String.format("%,d", filled.rows()), "rows");
        long queued = checkQueue(section, engine, jdbc, coordinators, filled);

        // As many bare processes as the coordinators' queue holds tasks: two queues of one size, side by side.
        DataSource dataSource = app.getBean(DataSource.class);
        RunningJourneys.Filled bareFilled = bareProcesses(engine, dataSource, app.getBean(Grants.class),
            filled.templates(), (int) queued);
        Queue bare = new Queue("bare", EngineRest.user(engine, "queue-bare", BARE),
            filters.createTaskFilterQuery().filterName(BARE).singleResult().getId(), guarded);
        BenchReport.add(section, "bare processes: templates started / copied / VACUUM ANALYZE",
            bareFilled.templateSeconds() + " / " + bareFilled.copySeconds() + " / " + bareFilled.vacuumSeconds(), "s");
        BenchReport.add(section, "all tasks / with a due date", String.format("%,d / %,d", count(jdbc, ""),
            count(jdbc, "WHERE DUE_DATE_ IS NOT NULL")), "tasks");

        // The engine's own answer to the same queue (as before issue 21): a criterion that changes nothing
        // here (no task has a tenant) but that the group queue's own SQL leaves to the engine.
        Queue byEngine = coordinators.asking("KAP Care answered by the engine",
            TASKLIST_BODY.replace("\"active\":true", "\"active\":true,\"withoutTenantId\":true"));
        List<Queue> queues = List.of(coordinators, bare);
        int warmUp = Math.max(1, calls / 10);
        Map<Queue, Timings> withV4 = time(List.of(coordinators, byEngine, unguarded, bare), calls, warmUp);
        report(section, ", with V4", withV4, coordinators, bare);
        ratios(section, "KAP Care / KAP Care answered by the engine", ", with V4", withV4, coordinators, byEngine);
        ratios(section, "KAP Care / KAP Care without the guards", ", with V4", withV4, coordinators, unguarded);
        Resource v4 = migration("V4");
        dropWhatItMakes(jdbc, v4);
        int without = Math.max(1, calls / 100);
        report(section, ", without V4", cancelledAfter(jdbc, () -> time(queues, without, 0)), coordinators, bare);
        new ResourceDatabasePopulator(v4).execute(dataSource);

        sessions(section, postgres, jdbc, engine, coordinators, bare);
        checkCopiesWork(section, engine, jdbc, coordinators, queued);
        int bookings = Math.max(3, calls / 10);
        completions(section, jdbc, dataSource, coordinators, bookings);
        BenchReport.note(section, String.format("With V4 (%s, as the app's migrations leave the database): %d calls "
            + "of each after %d warm-up calls, the queues taking turns call by call; without it (its objects "
            + "dropped, put back after): %d of each, none to warm up, PostgreSQL cancelling a statement after %d s (a "
            + "cancelled call counts with the time it took, and is counted on a line of its own). List = POST "
            + "/engine-rest/filter/{id}/list?firstResult=0&maxResults=15 with Accept application/hal+json and "
            + "Tasklist's body (the response embeds the filter's variables patientId and patientName, and the count, "
            + "for which the engine runs the count's query too); count = POST /engine-rest/filter/{id}/count with the "
            + "same body. HTTP Basic as a user of the queue's group, authorization on; the postgres profile's settings "
            + "(no JIT); the app's job executor and outbox dispatcher run. Bare: %,d processes of one user task "
            + "(candidate group %s, a due date each, spread like the copies'), as many as the coordinators' queue "
            + "holds tasks, copied from %d started through the engine like the journeys. Without the guards: KAP Care's "
            + "calls, with V4, on a second port of the same app on which the bench skips the filters issue 16 added in "
            + "front of the engine (engine API guard, sign-in guard, nosniff); the proof above shows which port has them. "
            + "Load average (1, 5, 15 min) "
            + "before the fill / after the timings: %s / %s. Completing a task with V5 (%s) and without: %d bookings "
            + "of a copied consultation each, by the coordinator over REST, the two taking turns (the index dropped and "
            + "made again between them).", v4.getFilename(), calls, warmUp, without,
            CANCEL_AFTER.toSeconds(), bareFilled.instances(), BARE, bareFilled.templates(), loadBefore,
            BenchReport.loadAverage(), migration("V5").getFilename(), bookings));
      }
    }
  }

  /**
   * The baseline: a process of one user task for a group of its own, due when its variable says,
   * with the coordinators' grants and a filter of the coordinators' shape; started {@code templates}
   * times through the engine, then copied as the journeys are until {@code instances} run.
   */
  private RunningJourneys.Filled bareProcesses(ProcessEngine engine, DataSource dataSource, Grants grants, int templates,
      int instances) throws SQLException {
    long started = System.nanoTime();
    engine.getRepositoryService().createDeployment().addModelInstance(BARE + ".bpmn",
        Bpmn.createExecutableProcess(BARE).camundaHistoryTimeToLive(2555).startEvent()
            .userTask("bareTask").name("Bare task").camundaCandidateGroups(BARE).camundaDueDate("${dueAt}")
            .endEvent().done()).deploy();
    IdentityService identity = engine.getIdentityService();
    identity.saveGroup(identity.newGroup(BARE));
    grants.grant(BARE, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
    grants.grant(BARE, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    FilterService filters = engine.getFilterService();
    Filter coordinators = filters.createTaskFilterQuery().filterName(ClinicGroup.CARE_COORDINATORS.queueName())
        .singleResult();
    Filter filter = filters.newTaskFilter(BARE);
    filter.setProperties(coordinators.getProperties());
    filter.setQuery(engine.getTaskService().createTaskQuery().taskCandidateGroup(BARE).includeAssignedTasks()
        .orderByDueDate().asc());
    filters.saveFilter(filter);
    grants.grant(BARE, Resources.FILTER, filter.getId(), Permissions.READ);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    for (int i = 0; i < templates; i++) {
      String key = String.format("BARE-%04d", i);
      engine.getRuntimeService().startProcessInstanceByKey(BARE, key, Map.of("patientId", key, "patientName",
          "Bare Patient", "dueAt", Date.from(now.plus(Duration.ofHours(1 + i)))));
    }
    double templateSeconds = seconds(System.nanoTime() - started);
    RunningJourneys.Filled filled = RunningJourneys.fill(dataSource, BARE, instances, HISTORY);
    return new RunningJourneys.Filled(BARE, filled.templates(), filled.instances(), filled.rows(), templateSeconds,
        filled.copySeconds(), filled.vacuumSeconds());
  }

  /**
   * The queue the coordinator sees, counted three ways: over REST with authorization, by the engine
   * without, and from the templates (their coordinator tasks, times the copies). Answers its size.
   */
  private long checkQueue(BenchReport.Section section, ProcessEngine engine, JdbcTemplate jdbc, Queue coordinators,
      RunningJourneys.Filled filled) throws Exception {
    String group = ClinicGroup.CARE_COORDINATORS.id();
    long running = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY)
        .rootProcessInstances().count();
    long rest = post(coordinators, "/count", "application/json").get("count").asLong();
    long unchecked = engine.getTaskService().createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().count();
    long inTemplates = jdbc.queryForObject("""
        SELECT COUNT(*) FROM ACT_RU_TASK t JOIN ACT_RU_IDENTITYLINK i ON i.TASK_ID_ = t.ID_
         WHERE i.TYPE_ = 'candidate' AND i.GROUP_ID_ = ? AND t.ID_ !~ ?""", Long.class, group, RunningJourneys.COPY_ID);
    String expected = filled.instances() % filled.templates() == 0
        ? String.format("%,d", inTemplates * filled.instances() / filled.templates()) : "(not a whole number of copies)";
    BenchReport.add(section, "running journeys (engine's process instance query)", String.format("%,d", running), "");
    BenchReport.add(section, "coordinators' queue: REST count as the coordinator / engine without authorization / "
        + "templates' × copies", String.format("%,d / %,d / %s", rest, unchecked, expected), "tasks");
    if (running != filled.instances() || rest != unchecked || !expected.equals(String.format("%,d", rest))) {
      BenchReport.note(section, BenchReport.FAILED + "the copies do not make the queue the templates promise.");
    }
    JsonNode page = post(coordinators, "/list?firstResult=0&maxResults=15", "application/hal+json");
    JsonNode tasks = page.path("_embedded").path("task");
    boolean variables = tasks.size() == 15;
    for (JsonNode task : tasks) {
      List<String> names = new ArrayList<>();
      task.path("_embedded").path("variable").forEach(variable -> names.add(variable.path("name").asText()));
      variables &= names.containsAll(List.of("patientId", "patientName"));
    }
    BenchReport.add(section, "first page: tasks / each with patientId and patientName / count in the response",
        tasks.size() + " / " + (variables ? "yes" : "NO") + " / " + page.path("count").asLong(), "");
    BenchReport.note(section, "The first page's due dates: " + String.join(", ", tasks.findValuesAsText("due")) + ".");
    return rest;
  }

  /** Times the list and the count of every queue, the queues taking turns call by call. */
  private Map<Queue, Timings> time(List<Queue> queues, int calls, int warmUp) throws Exception {
    Map<Queue, Timings> timings = new LinkedHashMap<>();
    queues.forEach(queue -> timings.put(queue, new Timings(new long[calls], new long[calls], new int[1])));
    for (int call = -warmUp; call < calls; call++) {
      for (Queue queue : queues) {
        Timings timing = timings.get(queue);
        long list = timed(timing, queue, "/list?firstResult=0&maxResults=15", "application/hal+json");
        long count = timed(timing, queue, "/count", "application/json");
        if (call >= 0) {
          timing.list()[call] = list;
          timing.count()[call] = count;
        }
      }
    }
    timings.values().forEach(timing -> {
      Arrays.sort(timing.list());
      Arrays.sort(timing.count());
    });
    return timings;
  }

  /** One call's nanoseconds; a call PostgreSQL cancelled counts with the time it took, and is counted. */
  private long timed(Timings timing, Queue queue, String path, String accept) throws Exception {
    long started = System.nanoTime();
    try {
      post(queue, path, accept);
    } catch (IllegalStateException e) {
      if (!e.getMessage().contains(" 500:")) {
        throw e;
      }
      timing.cancelled()[0]++;
    }
    return System.nanoTime() - started;
  }

  /** Nanoseconds per call, sorted, and how many calls PostgreSQL cancelled. */
  private record Timings(long[] list, long[] count, int[] cancelled) {}

  private interface Measurement {
    Map<Queue, Timings> run() throws Exception;
  }

  /** Runs {@code measurement} with PostgreSQL cancelling any statement after CANCEL_AFTER. */
  private static Map<Queue, Timings> cancelledAfter(JdbcTemplate jdbc, Measurement measurement) throws Exception {
    jdbc.execute("ALTER SYSTEM SET statement_timeout = '" + CANCEL_AFTER.toSeconds() + "s'");
    jdbc.execute("SELECT pg_reload_conf()");
    try {
      return measurement.run();
    } finally {
      jdbc.execute("ALTER SYSTEM RESET statement_timeout");
      jdbc.execute("SELECT pg_reload_conf()");
    }
  }

  /**
   * Drops the indexes and statistics a migration script creates, found by their names in it. A
   * script that creates none is refused: "without" would then be timed against itself (a stale
   * placeholder V5 in target/classes once made a with/without run compare two scans).
   */
  private static void dropWhatItMakes(JdbcTemplate jdbc, Resource script) throws IOException {
    Matcher created = Pattern.compile("CREATE (INDEX|STATISTICS) (\\w+)").matcher(script.getContentAsString(
        StandardCharsets.UTF_8));
    int dropped = 0;
    while (created.find()) {
      jdbc.execute("DROP " + created.group(1) + " " + created.group(2));
      dropped++;
    }
    if (dropped == 0) {
      throw new IllegalStateException(script.getDescription() + " creates no index or statistics to time without");
    }
  }

  private static void report(BenchReport.Section section, String state, Map<Queue, Timings> timings, Queue kapCare,
      Queue bare) {
    for (Queue queue : timings.keySet()) {
      Timings timing = timings.get(queue);
      BenchReport.add(section, queue.label() + ": list, p50 / p95 / max" + state, BenchReport.spread(timing.list()), "ms");
      BenchReport.add(section, queue.label() + ": count, p50 / p95 / max" + state, BenchReport.spread(timing.count()), "ms");
      if (timing.cancelled()[0] > 0) {
        BenchReport.add(section, queue.label() + ": calls PostgreSQL cancelled after " + CANCEL_AFTER.toSeconds() + " s"
            + state, timing.cancelled()[0], "");
      }
    }
    ratios(section, "KAP Care / bare", state, timings, kapCare, bare);
  }

  private static void ratios(BenchReport.Section section, String name, String state, Map<Queue, Timings> timings,
      Queue kapCare, Queue bare) {
    BenchReport.add(section, name + ": list p50, p95; count p50, p95" + state, String.format(
        "%.2f, %.2f; %.2f, %.2f", ratio(timings, kapCare, bare, Timings::list, 50),
        ratio(timings, kapCare, bare, Timings::list, 95), ratio(timings, kapCare, bare, Timings::count, 50),
        ratio(timings, kapCare, bare, Timings::count, 95)), "x");
  }

  private static double ratio(Map<Queue, Timings> timings, Queue kapCare, Queue bare,
      Function<Timings, long[]> calls, int percent) {
    return BenchReport.percentile(calls.apply(timings.get(kapCare)), percent) / (double) BenchReport.percentile(calls.apply(timings.get(bare)),
        percent);
  }

  /**
   * What open Tasklists cost the database: {@value #SESSIONS} staff each with their queue open, which
   * Tasklist reloads (its first page with the count) every 10 seconds, their reloads spread evenly;
   * PostgreSQL's CPU over the span ({@link PostgresCpu}), against the same span with no session (the
   * app's job executor and outbox polling, autovacuum) and against as many sessions on the bare
   * queue, the three taking turns.
   */
  private void sessions(BenchReport.Section section, ThrowawayPostgres postgres, JdbcTemplate jdbc, ProcessEngine engine,
      Queue kapCare, Queue bare) throws Exception {
    Duration span = calls < 100 ? Duration.ofSeconds(20) : Duration.ofSeconds(60);
    int rounds = calls < 100 ? 1 : 2;
    List<Queue> kapCareSessions = new ArrayList<>();
    List<Queue> bareSessions = new ArrayList<>();
    for (int i = 0; i < SESSIONS; i++) {
      kapCareSessions.add(new Queue(kapCare.label(), EngineRest.user(engine, String.format("queue-session-%02d", i),
          ClinicGroup.CARE_COORDINATORS.id()), kapCare.filterId(), kapCare.rest()));
      bareSessions.add(new Queue(bare.label(), EngineRest.user(engine, String.format("queue-bare-session-%02d", i), BARE),
          bare.filterId(), bare.rest()));
    }
    Map<String, double[]> cpu = new LinkedHashMap<>();
    Map<String, List<Long>> reloads = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, List<Queue>> kind : Map.of("no Tasklist open", List.<Queue>of(), "KAP Care",
          kapCareSessions, "bare", bareSessions).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
        boolean traced = round == 0 && !kind.getValue().isEmpty();
        if (traced) {
          PostgresStatements.reset(jdbc);
        }
        double before = PostgresCpu.seconds(postgres.data());
        List<Long> times = poll(kind.getValue(), span);
        double used = PostgresCpu.seconds(postgres.data()) - before;
        if (traced) {
          BenchReport.note(section, "Where PostgreSQL's time went with the sessions on the " + kind.getKey() + " queue "
              + "(pg_stat_statements, first round): " + String.join("; ", PostgresStatements.top(jdbc, 6)) + ".");
        }
        cpu.computeIfAbsent(kind.getKey(), k -> new double[rounds])[round] = used / span.toSeconds();
        reloads.computeIfAbsent(kind.getKey(), k -> new ArrayList<>()).addAll(times);
      }
    }
    double idle = Arrays.stream(cpu.get("no Tasklist open")).average().orElse(0);
    for (String kind : List.of("KAP Care", "bare")) {
      double share = Arrays.stream(cpu.get(kind)).average().orElse(0);
      long[] sorted = reloads.get(kind).stream().mapToLong(Long::longValue).sorted().toArray();
      BenchReport.add(section, String.format("%d Tasklist sessions on the %s queue: PostgreSQL CPU, share of one core "
          + "(the sessions' own, above none open) / the sessions' reloads p50 / p95 / max", SESSIONS, kind),
          String.format("%.1f %% (%.1f %%) / %s ms", 100 * share, 100 * (share - idle), BenchReport.spread(sorted)), "");
    }
    BenchReport.add(section, "no Tasklist open: PostgreSQL CPU, share of one core", String.format("%.1f %%", 100 * idle), "");
    // The plans of each queue's statements over 2 ms, as PostgreSQL ran them, for whoever reads why.
    PostgresStatements.explained(jdbc, 2, () -> {
      for (Queue queue : List.of(kapCare, bare)) {
        post(queue, "/list?firstResult=0&maxResults=15", "application/hal+json");
        post(queue, "/count", "application/json");
      }
      return null;
    });
    BenchReport.note(section, "The plans of both queues' statements over 2 ms (one page and one count each, EXPLAIN "
        + "ANALYZE by auto_explain): target/bench/queue-postgres/server.log.");
    BenchReport.note(section, String.format("Sessions: %d staff signed in with HTTP Basic, each reloading their queue's "
        + "first page with the count (Tasklist's call above) every %d s, the reloads spread evenly (%.1f a second); "
        + "%d s per measurement, %d round(s), no sessions / KAP Care / bare taking turns. PostgreSQL's CPU is its "
        + "processes' user and system time from /proc over the span (a target of under 5 %% of one core for the "
        + "sessions' own).", SESSIONS, TASKLIST_REFRESH.toSeconds(), SESSIONS / (double) TASKLIST_REFRESH.toSeconds(),
        span.toSeconds(), rounds));
  }

  /** Each session reloads its queue every TASKLIST_REFRESH for {@code span}; answers every reload's nanoseconds. */
  private List<Long> poll(List<Queue> sessions, Duration span) throws InterruptedException {
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService clock = Executors.newScheduledThreadPool(16);
    long spacing = TASKLIST_REFRESH.toMillis() / Math.max(1, sessions.size());
    for (int i = 0; i < sessions.size(); i++) {
      Queue session = sessions.get(i);
      clock.scheduleAtFixedRate(() -> {
        long started = System.nanoTime();
        post(session, "/list?firstResult=0&maxResults=15", "application/hal+json");
        times.add(System.nanoTime() - started);
      }, i * spacing, TASKLIST_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }
    Thread.sleep(span.toMillis());
    clock.shutdownNow();
    clock.awaitTermination(1, TimeUnit.MINUTES);
    return new ArrayList<>(times);
  }

  /**
   * The copies are whole: the coordinator completes a copied "Book consultation" over REST, which
   * needs the copy's authorization, variables and executions, and the journey moves on; then starts
   * a journey, which the engine checks against the running ones' business keys.
   */
  private void checkCopiesWork(BenchReport.Section section, ProcessEngine engine, JdbcTemplate jdbc, Queue coordinators,
      long queued) throws Exception {
    String task = jdbc.queryForObject("SELECT ID_ FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'scheduleConsultation' "
        + "AND ID_ ~ ? ORDER BY ID_ DESC LIMIT 1", String.class, RunningJourneys.COPY_ID);
    String journey = engine.getTaskService().createTaskQuery().taskId(task).singleResult().getProcessInstanceId();
    Instant consultationAt = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    double completed = book(coordinators, task, consultationAt) / 1e6;
    Date due = engine.getTaskService().createTaskQuery().processInstanceId(journey).taskDefinitionKey("consultation")
        .singleResult().getDueDate();
    long started = System.nanoTime();
    JsonNode referral = coordinators.rest().json(coordinators.user(), "POST", "/process-definition/key/"
        + Journeys.CARE_JOURNEY + "/submit-form", EngineRest.JSON, EngineRest.form(Answers.referral("Q-NEW-0001")));
    double startedMillis = (System.nanoTime() - started) / 1e6;
    long after = post(coordinators, "/count", "application/json").get("count").asLong();
    boolean whole = due.toInstant().equals(consultationAt) && after == queued
        && "Q-NEW-0001".equals(referral.path("businessKey").asText());
    BenchReport.add(section, "a copied \"Book consultation\" completed by the coordinator over REST; its consultation "
        + "task exists, due when booked", String.format("%.0f ms, %s", completed, due.toInstant()), "");
    BenchReport.add(section, "a new journey started by the coordinator over REST (business key checked against the "
        + "running ones)", String.format("%.0f ms, %s", startedMillis, referral.path("businessKey").asText()), "");
    BenchReport.add(section, "coordinators' queue after both (one booked, one referred)", String.format("%,d", after),
        "tasks");
    if (!whole) {
      BenchReport.note(section, BenchReport.FAILED + "the copied journey did not move on as a real one does.");
    }
  }

  /**
   * Completing a task with V5's index and without it: Camunda looks for the task's subtasks whenever
   * a task ends, which without the index reads all of ACT_RU_TASK. The coordinator books copied
   * consultations over REST, with and without taking turns; V5's index is dropped and made again
   * between them.
   */
  private void completions(BenchReport.Section section, JdbcTemplate jdbc, DataSource dataSource, Queue coordinators,
      int bookings) throws Exception {
    Resource v5 = migration("V5");
    List<String> tasks = jdbc.queryForList("SELECT ID_ FROM ACT_RU_TASK WHERE TASK_DEF_KEY_ = 'scheduleConsultation' "
        + "AND ID_ ~ ? ORDER BY ID_ LIMIT ?", String.class, RunningJourneys.COPY_ID, 2 * bookings);
    Instant at = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    long[] with = new long[bookings];
    long[] without = new long[bookings];
    for (int i = 0; i < bookings; i++) {
      with[i] = book(coordinators, tasks.get(2 * i), at);
      dropWhatItMakes(jdbc, v5);
      without[i] = book(coordinators, tasks.get(2 * i + 1), at);
      new ResourceDatabasePopulator(v5).execute(dataSource);
    }
    Arrays.sort(with);
    Arrays.sort(without);
    BenchReport.add(section, "a copied \"Book consultation\" completed over REST, p50 / p95 / max, with V5",
        BenchReport.spread(with), "ms");
    BenchReport.add(section, "the same without V5", BenchReport.spread(without), "ms");
    BenchReport.add(section, "with / without V5, p50", String.format("%.2f",
        BenchReport.percentile(with, 50) / (double) BenchReport.percentile(without, 50)), "x");
  }

  /** The coordinator books a consultation: submits the "Book consultation" task's form. Answers the nanoseconds. */
  private long book(Queue coordinators, String task, Instant consultationAt) throws Exception {
    long started = System.nanoTime();
    coordinators.rest().json(coordinators.user(), "POST", "/task/" + task + "/submit-form", EngineRest.JSON,
        EngineRest.form(Answers.map("consultationAt", consultationAt.toString())));
    return System.nanoTime() - started;
  }

  /** The app's PostgreSQL migration of that version. */
  private static Resource migration(String version) throws IOException {
    return new PathMatchingResourcePatternResolver().getResources("classpath:db/vendor/postgresql/" + version + "__*.sql")[0];
  }

  private JsonNode post(Queue queue, String path, String accept) {
    return queue.rest().json(queue.user(), "POST", "/filter/" + queue.filterId() + path, accept, queue.body());
  }

  private static long count(JdbcTemplate jdbc, String where) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK " + where, Long.class);
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e8) / 10.0;
  }
}
