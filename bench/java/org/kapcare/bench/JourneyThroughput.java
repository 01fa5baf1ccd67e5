package org.kapcare.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Function;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.kapcare.Answers;
import org.kapcare.KapCareApplication;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.Journeys;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The journey throughput: whole care journeys per second (referral, 2 preparation sessions,
 * 6 doses, follow-up, discharge) driven with the form values clinicians submit, with every delegate,
 * DMN table and notification of the app, on H2 (file) and PostgreSQL, with 1 and 2 driver threads.
 * Baseline, in the same engine and run: a generated process with as many user tasks and nothing
 * else; and, to tell the cost of keeping the clinic's answers from the cost of the app's logic, the
 * same process completed with the same form values. Rounds of the three alternate, so that a busy
 * neighbour or a growing database weighs on each alike.
 */
final class JourneyThroughput {

  private static final String BARE = "bare-journey";
  private static final int PREPARATION_SESSIONS = 2;
  private static final int DOSES = 6;
  private static final int[] DRIVER_THREADS = {1, 2};
  /** Journeys of each kind run while H2 counts the statements. */
  private static final int COUNTED = 3;
  /** Camunda's history tables that a journey's rows are counted in, by their root process instance. */
  private static final List<String> HISTORY = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL", "ACT_HI_IDENTITYLINK", "ACT_HI_JOB_LOG", "ACT_HI_DECINST", "ACT_HI_DEC_IN",
      "ACT_HI_DEC_OUT", "ACT_GE_BYTEARRAY");

  enum Kind {
    KAP_CARE("KAP Care"),
    BARE("bare engine"),
    BARE_WITH_VALUES("bare engine + the same form values"),
    /** The journey over /engine-rest, as Tasklist drives it: behind the guards of issue 16, and without them. */
    KAP_CARE_REST("KAP Care over REST"),
    KAP_CARE_REST_UNGUARDED("KAP Care over REST without the guards");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** The kinds driven in process, timed round by round. */
  private static final List<Kind> IN_PROCESS = List.of(Kind.KAP_CARE, Kind.BARE, Kind.BARE_WITH_VALUES);
  /** The kinds driven over REST, timed journey by journey in turn. */
  private static final List<Kind> OVER_REST = List.of(Kind.KAP_CARE_REST, Kind.KAP_CARE_REST_UNGUARDED);
  private static final OperatingSystemMXBean JVM = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** One user task of the journey and what the clinician submits on it; dose steps belong to the current dose. */
  record Step(String activityId, boolean dose, Map<String, Object> values) {}

  private final Duration warmUp;
  private final Duration round;
  private final int rounds;
  private final Duration guardTurns;

  JourneyThroughput(Duration warmUp, Duration round, int rounds, Duration guardTurns) {
    this.warmUp = warmUp;
    this.round = round;
    this.rounds = rounds;
    this.guardTurns = guardTurns;
  }

  void run(BenchReport report) throws Exception {
    Path folder = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(folder);
    for (String file : List.of("throughput.mv.db", "throughput.trace.db", "throughput.log")) {
      Files.deleteIfExists(folder.resolve(file));
    }
    // The app's own H2 settings (application.yaml), on a file of the benchmark's.
    measure(report, "H2 (file)", true, List.of(
        "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("throughput") + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256"));
    try (ThrowawayPostgres postgres = ThrowawayPostgres.start(folder.resolve("throughput-postgres"), 0)) {
      if (postgres == null) {
        BenchReport.note(report.section("Journey throughput on PostgreSQL"), ThrowawayPostgres.SKIPPED);
        return;
      }
      measure(report, "PostgreSQL", false, postgres.datasource());
    }
  }

  private void measure(BenchReport report, String database, boolean h2, List<String> datasource) throws Exception {
    List<String> args = new ArrayList<>(datasource);
    args.addAll(List.of("--spring.profiles.active=bench", "--server.port=0",
        // Jobs are run by the driver threads (below), so nothing else may take them.
        "--camunda.bpm.job-execution.enabled=false",
        "--logging.file.name=target/bench/throughput.log", "--logging.threshold.console=WARN"));
    args.addAll(Bench.FIRST_ADMINISTRATOR);
    ClockUtil.reset();
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KapCareApplication.class, Unguarded.class)
        .run(args.toArray(String[]::new))) {
      ProcessEngine engine = app.getBean(ProcessEngine.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      String loadBefore = BenchReport.loadAverage();
      HttpClient http = HttpClient.newHttpClient();
      // One clinician in every group whose steps a journey has: not a manager, so every guard applies.
      String clinician = EngineRest.user(engine, "bench-clinician", ClinicGroup.CARE_COORDINATORS.id(),
          ClinicGroup.THERAPISTS.id(), ClinicGroup.PRESCRIBERS.id(), ClinicGroup.NURSES.id());
      Drivers drivers = new Drivers(engine, EngineRest.of(http, app), Unguarded.engineRest(http, app), clinician);
      int userTasks = steps(Instant.now()).size();
      deployBare(engine, userTasks);
      Map<Kind, String> samples = new EnumMap<>(Kind.class);
      for (Kind kind : Kind.values()) {
        samples.put(kind, drivers.drive(kind));
      }
      int journeyTasks = count(jdbc, "ACT_HI_TASKINST", samples.get(Kind.KAP_CARE));
      if (journeyTasks != userTasks) {
        throw new IllegalStateException("The journey had " + journeyTasks + " user tasks, the driver knows " + userTasks);
      }

      BenchReport.Section section = report.section("Journey throughput on " + database + ": care journeys of "
          + userTasks + " user tasks (" + PREPARATION_SESSIONS + " preparation sessions, " + DOSES + " doses)");
      Unguarded.prove(section, drivers.guarded.rest(), drivers.unguarded.rest(), clinician);
      try (Pool pool = new Pool(DRIVER_THREADS[DRIVER_THREADS.length - 1])) {
        for (Kind kind : IN_PROCESS) {
          pool.run(2, kind == Kind.KAP_CARE ? warmUp : warmUp.dividedBy(2), drivers, kind);
        }
        for (int threads : DRIVER_THREADS) {
          Map<Kind, Tally> tallies = new EnumMap<>(Kind.class);
          for (int r = 0; r < rounds; r++) {
            // Each round starts with another kind, so that none always runs on the biggest database.
            for (int k = 0; k < IN_PROCESS.size(); k++) {
              Kind kind = IN_PROCESS.get((r + k) % IN_PROCESS.size());
              tallies.computeIfAbsent(kind, any -> new Tally()).add(pool.run(threads, round, drivers, kind));
            }
          }
          String driving = threads + " driver thread" + (threads == 1 ? "" : "s");
          for (Kind kind : IN_PROCESS) {
            BenchReport.add(section, kind.label + ", " + driving + ": journeys/s (rounds)", tallies.get(kind).summary(), "/s");
          }
          BenchReport.add(section, "KAP Care / bare engine, " + driving, ratio(tallies, Kind.BARE), "x");
          BenchReport.add(section, "KAP Care / bare engine + the same form values, " + driving,
              ratio(tallies, Kind.BARE_WITH_VALUES), "x");
          BenchReport.add(section, "driver threads' CPU per journey, " + driving + ": " + labels(IN_PROCESS),
              perKind(IN_PROCESS, kind -> String.format("%.0f", tallies.get(kind).cpuMillisPerJourney())), "ms");
          BenchReport.add(section, "KAP Care / bare engine by that CPU, " + driving, String.format("%.2f",
              tallies.get(Kind.BARE).cpuMillisPerJourney() / tallies.get(Kind.KAP_CARE).cpuMillisPerJourney()), "x");
        }
      }
      Map<Kind, Turns> turns = guardTurns(drivers, warmUp.dividedBy(2), guardTurns);
      for (Kind kind : OVER_REST) {
        BenchReport.add(section, kind.label + ", 1 driver thread: journeys, s per journey p50 / mean, the JVM's CPU "
            + "per journey", turns.get(kind).summary(), "");
      }
      Turns with = turns.get(Kind.KAP_CARE_REST);
      Turns without = turns.get(Kind.KAP_CARE_REST_UNGUARDED);
      BenchReport.add(section, "KAP Care over REST / without the guards: time per journey p50, mean; the JVM's CPU per "
          + "journey", String.format("%.2f, %.2f; %.2f", with.median() / without.median(), with.mean() / without.mean(),
          with.cpuMillis() / without.cpuMillis()), "x");
      String loadAfter = BenchReport.loadAverage();
      long pending = awaitOutbox(jdbc);

      Map<Kind, Map<String, Integer>> rows = new EnumMap<>(Kind.class);
      samples.forEach((kind, root) -> rows.put(kind, rows(jdbc, root)));
      BenchReport.add(section, "history rows one journey leaves: " + labels(), perKind(kind -> rows.get(kind).get("total")),
          "rows");
      BenchReport.add(section, "notification outbox rows one journey leaves", jdbc.queryForObject(
          "SELECT COUNT(*) FROM kapcare_notification WHERE patient_id = ?", Integer.class, patientId(1)), "rows");
      if (h2) {
        Map<Kind, Statements> statements = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
          statements.put(kind, Statements.count(jdbc, COUNTED, () -> drivers.drive(kind)));
          statements.get(kind).write(Path.of("target", "bench", "throughput-statements-" + kind.name().toLowerCase() + ".csv"));
        }
        BenchReport.add(section, "SQL statements per journey (H2's statistics): " + labels(),
            perKind(kind -> statements.get(kind).perJourney()), "statements");
        BenchReport.add(section, "time inside those statements per journey: " + labels(),
            perKind(kind -> String.format("%.0f", statements.get(kind).millisPerJourney())), "ms");
        BenchReport.note(section, "Statements of a KAP Care journey that took the most time inside H2 (per journey: "
            + "times run, ms): " + statements.get(Kind.KAP_CARE).top(8) + ".");
      }
      BenchReport.note(section, "History rows by table (" + labels() + "): " + String.join(", ", HISTORY.stream()
          .map(table -> table + " " + perKind(kind -> rows.get(kind).get(table))).toList()) + ".");
      BenchReport.note(section, String.format("Each round drives journeys for %d s and finishes the journeys in hand; "
          + "journeys/s = journeys finished / time, over %d round(s) of each kind, the kinds taking turns, after a %d s "
          + "warm-up (in brackets: each round). The driver finds each open task by its process instance and step, as "
          + "Tasklist would, and completes it with the form's values (the app checks every form's rules); it runs the "
          + "%d pre-dose notification jobs itself with ManagementService.executeJob, with the job executor off; no "
          + "timer falls due. Notifications go through the outbox to the log channel only (no spring.mail.host), "
          + "delivered by the app's dispatcher while the rounds run%s. The baseline is a generated process of %d user "
          + "tasks and nothing else, completed without variables or with the journey's form values (all in one "
          + "scope), in the same engine. CPU per journey is the CPU time of the driver threads over the journeys they "
          + "finished: on H2 it includes the database's work (H2 runs in them), on PostgreSQL only the JVM's side; it "
          + "is less swayed by other work on the machine than journeys/s. In process no user is signed in: "
          + "authorization checks are skipped for those three kinds alike, as in the process tests. The guards' cost: "
          + "journeys over REST, a clinician of the four clinical groups (not a manager) starting each with the "
          + "referral form and, for each task, reading its form variables and submitting its form, as Tasklist does, "
          + "with HTTP Basic and authorization on (the driver still finds the tasks and runs the jobs in process); "
          + "with the guards, and without them on a second port of the same app on which the bench skips the filters "
          + "issue 16 added in front of the engine (engine API guard with its form check, read limits and access log; "
          + "sign-in guard; nosniff; the proof above shows which port has them); the two taking turns journey by "
          + "journey on one driver thread for %d s after %d s of warm-up, each journey timed on its own, wall clock "
          + "and the whole JVM's CPU (the web server's threads do the app's work; the outbox dispatcher, JIT and GC "
          + "count too). Load average (1, 5, 15 min) on the machine "
          + "before / after the rounds: %s / %s.",
          round.toSeconds(), rounds, warmUp.toSeconds(), DOSES,
          pending == 0 ? "; every row was delivered" : "; " + pending + " rows were still waiting a minute later",
          userTasks, guardTurns.toSeconds(), warmUp.dividedBy(2).toSeconds(), loadBefore, loadAfter));
    }
  }

  /** The journey's user tasks in order, with the answers a clinic gives on the day {@code now}. */
  static List<Step> steps(Instant now) {
    List<Step> steps = new ArrayList<>();
    steps.add(new Step("scheduleConsultation", false, Answers.map("consultationAt", iso(now.plus(Duration.ofDays(2))))));
    Map<String, Object> consultation = Answers.consultation();
    consultation.putAll(Answers.map("preparationSessions", PREPARATION_SESSIONS, "plannedDoses", DOSES));
    steps.add(new Step("consultation", false, consultation));
    steps.add(new Step("medicalHistory", false, Answers.medicalHistory()));
    steps.add(new Step("informedConsent", false, Answers.map("consentGiven", true, "consentFormVersion", "2026-03")));
    for (int session = 0; session < PREPARATION_SESSIONS; session++) {
      steps.add(new Step("schedulePreparation", false, Answers.map("preparationAt", iso(now.plus(Duration.ofDays(7))))));
      steps.add(new Step("preparationSession", false, Answers.map("preparationReadiness", "ready", "intentionsSet", true,
          "safetyPlanReviewed", true, "preparationMinutes", 60)));
    }
    for (int dose = 0; dose < DOSES; dose++) {
      steps.add(new Step("scheduleDosing", true, Answers.map("dosingAt", iso(now.plus(Duration.ofDays(1))),
          "rideHomeArranged", true)));
      steps.add(new Step("preDoseCheck", true, Answers.preDoseCheck()));
      steps.add(new Step("orderDose", true, Answers.orderDose()));
      Map<String, Object> administered = Answers.administerDose();
      steps.add(new Step("administerDose", true, administered));
      Answers.readings(Instant.parse((String) administered.get("doseStartedAt")), now.truncatedTo(ChronoUnit.MINUTES))
          .forEach(reading -> steps.add(new Step("recordVitals", true, reading)));
      // Discharged this minute; the integration session is booked a day later, well inside the window.
      steps.add(new Step("dischargeCheck", true, Answers.dischargeCheck(iso(now))));
      steps.add(new Step("scheduleIntegration", true, Answers.map("integrationAt", iso(now.plus(Duration.ofHours(24))))));
      steps.add(new Step("integrationSession", true, Answers.map("integrationFormat", "in-person", "integrationMinutes",
          60, "followUpNeeded", false)));
    }
    steps.add(new Step("scheduleFollowUp", false, Answers.map("followUpAt", iso(now.plus(Duration.ofDays(30))))));
    steps.add(new Step("followUpAssessment", false, Answers.followUp(4, "discharge")));
    steps.add(new Step("dischargeSummary", false, Answers.map("dischargeDisposition", "primary-care", "dischargeNote", "")));
    return steps;
  }

  /** Drives whole journeys of each kind through one engine, as the clinic's staff would. */
  private static final class Drivers {

    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService jobs;
    private final AtomicInteger patients = new AtomicInteger();
    private final Clinician inProcess;
    private final OverRest guarded;
    private final OverRest unguarded;

    Drivers(ProcessEngine engine, EngineRest guarded, EngineRest unguarded, String clinician) {
      runtime = engine.getRuntimeService();
      tasks = engine.getTaskService();
      jobs = engine.getManagementService();
      inProcess = new Clinician() {
        @Override
        public String start(Map<String, Object> referral) {
          return runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, referral).getId();
        }

        @Override
        public void submit(String task, Map<String, Object> values) {
          tasks.complete(task, values);
        }
      };
      this.guarded = new OverRest(guarded, clinician);
      this.unguarded = new OverRest(unguarded, clinician);
    }

    /** One journey from referral to its end; answers its root process instance id. */
    String drive(Kind kind) {
      Map<String, Object> referral = Answers.referral(patientId(patients.incrementAndGet()));
      List<Step> steps = steps(Instant.now());
      return switch (kind) {
        case KAP_CARE -> journey(inProcess, referral, steps);
        case KAP_CARE_REST -> journey(guarded, referral, steps);
        case KAP_CARE_REST_UNGUARDED -> journey(unguarded, referral, steps);
        case BARE -> bare(Map.of(), steps.stream().map(step -> Map.<String, Object>of()).toList());
        case BARE_WITH_VALUES -> bareWithValues(referral, steps);
      };
    }

    /** A method of its own so that a profile (JFR) tells the two bare kinds apart by their stacks. */
    private String bareWithValues(Map<String, Object> referral, List<Step> steps) {
      return bare(referral, steps.stream().map(Step::values).toList());
    }

    private String journey(Clinician clinician, Map<String, Object> referral, List<Step> steps) {
      String journey = clinician.start(referral);
      String dose = null;
      for (Step step : steps) {
        if (step.activityId().equals("scheduleDosing")) {
          dose = runtime.createProcessInstanceQuery().superProcessInstanceId(journey).singleResult().getId();
        }
        complete(clinician, step.dose() ? dose : journey, step.activityId(), step.values());
        if (step.activityId().equals("scheduleDosing")) {
          jobs.executeJob(jobs.createJobQuery().processInstanceId(dose).activityId("sendPreDoseInstructions")
              .singleResult().getId());
        }
      }
      ended(journey);
      return journey;
    }

    /** The bare process: its user tasks completed in order, with {@code values}, one map per task. */
    private String bare(Map<String, Object> start, List<Map<String, Object>> values) {
      String instance = runtime.startProcessInstanceByKey(BARE, start).getId();
      for (int task = 0; task < values.size(); task++) {
        complete(inProcess, instance, bareTask(task + 1), values.get(task));
      }
      ended(instance);
      return instance;
    }

    /** As a user's Tasklist would: find the open task of this step, then submit the form's values. */
    private void complete(Clinician clinician, String processInstance, String activityId, Map<String, Object> values) {
      Task task = tasks.createTaskQuery().processInstanceId(processInstance).taskDefinitionKey(activityId).singleResult();
      if (task == null) {
        throw new IllegalStateException("No open task " + activityId + " in " + processInstance);
      }
      clinician.submit(task.getId(), values);
    }

    private void ended(String processInstance) {
      if (runtime.createProcessInstanceQuery().processInstanceId(processInstance).count() != 0) {
        throw new IllegalStateException("Process instance " + processInstance + " did not end");
      }
    }
  }

  /** How a clinician's start and form submissions reach the engine. */
  private interface Clinician {
    /** Answers the journey's process instance id. */
    String start(Map<String, Object> referral);

    void submit(String task, Map<String, Object> values);
  }

  /** Through /engine-rest on one port, as Tasklist: a task's form variables read, then its form submitted. */
  private record OverRest(EngineRest rest, String user) implements Clinician {

    @Override
    public String start(Map<String, Object> referral) {
      return rest.json(user, "POST", "/process-definition/key/" + Journeys.CARE_JOURNEY + "/submit-form", EngineRest.JSON,
          EngineRest.form(referral)).path("id").asText();
    }

    @Override
    public void submit(String task, Map<String, Object> values) {
      rest.json(user, "GET", "/task/" + task + "/form-variables", EngineRest.JSON, null);
      rest.json(user, "POST", "/task/" + task + "/submit-form", EngineRest.JSON, EngineRest.form(values));
    }
  }

  private static void deployBare(ProcessEngine engine, int userTasks) {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(BARE).camundaHistoryTimeToLive(2555).startEvent();
    for (int task = 1; task <= userTasks; task++) {
      flow = flow.userTask(bareTask(task));
    }
    engine.getRepositoryService().createDeployment().addModelInstance(BARE + ".bpmn", flow.endEvent().done()).deploy();
  }

  private static String bareTask(int task) {
    return String.format("task%02d", task);
  }

  /**
   * The guards' cost on whole journeys: over REST with them and without, taking turns journey by
   * journey on the calling thread, for {@code length} after {@code warmUp}.
   */
  private static Map<Kind, Turns> guardTurns(Drivers drivers, Duration warmUp, Duration length) {
    Map<Kind, Turns> turns = new EnumMap<>(Kind.class);
    for (Duration phase : List.of(warmUp, length)) {
      OVER_REST.forEach(kind -> turns.put(kind, new Turns(new ArrayList<>(), new ArrayList<>())));
      long end = System.nanoTime() + phase.toNanos();
      while (System.nanoTime() < end) {
        for (Kind kind : OVER_REST) {
          turns.get(kind).time(drivers, kind);
        }
      }
    }
    return turns;
  }

  /** Journeys of one kind timed one by one: the wall clock's and the whole JVM's CPU nanoseconds of each. */
  private record Turns(List<Long> wall, List<Long> cpu) {

    void time(Drivers drivers, Kind kind) {
      long started = System.nanoTime();
      long cpuAtStart = JVM.getProcessCpuTime();
      drivers.drive(kind);
      cpu.add(JVM.getProcessCpuTime() - cpuAtStart);
      wall.add(System.nanoTime() - started);
    }

    double median() {
      return wall.stream().sorted().toList().get(wall.size() / 2) / 1e9;
    }

    double mean() {
      return wall.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e9;
    }

    double cpuMillis() {
      return cpu.stream().mapToLong(Long::longValue).average().orElseThrow() / 1e6;
    }

    String summary() {
      return String.format("%d, %.2f / %.2f s, %.0f ms", wall.size(), median(), mean(), cpuMillis());
    }
  }

  /** Journeys finished and the time they took, per round. */
  private static final class Tally {
    private final List<Double> perRound = new ArrayList<>();
    private int journeys;
    private double seconds;
    private double cpuSeconds;

    void add(Pool.Result result) {
      journeys += result.journeys();
      seconds += result.seconds();
      cpuSeconds += result.cpuSeconds();
      perRound.add(result.journeys() / result.seconds());
    }

    double perSecond() {
      return journeys / seconds;
    }

    double cpuMillisPerJourney() {
      return cpuSeconds * 1000 / journeys;
    }

    String summary() {
      return String.format("%.2f (%s)", perSecond(),
          String.join(" / ", perRound.stream().map(rate -> String.format("%.2f", rate)).toList()));
    }
  }

  private static String ratio(Map<Kind, Tally> tallies, Kind baseline) {
    return String.format("%.2f", tallies.get(Kind.KAP_CARE).perSecond() / tallies.get(baseline).perSecond());
  }

  private static String labels() {
    return labels(List.of(Kind.values()));
  }

  private static String labels(List<Kind> kinds) {
    return String.join(" / ", kinds.stream().map(kind -> kind.label).toList());
  }

  private static String perKind(Function<Kind, Object> value) {
    return perKind(List.of(Kind.values()), value);
  }

  private static String perKind(List<Kind> kinds, Function<Kind, Object> value) {
    return String.join(" / ", kinds.stream().map(kind -> String.valueOf(value.apply(kind))).toList());
  }

  /** Driver threads that run journeys, one after another, until a round's time is up. */
  private static final class Pool implements AutoCloseable {

    /** Journeys finished, wall-clock time, and the CPU time the driver threads used (H2's work included, it runs in them). */
    record Result(int journeys, double seconds, double cpuSeconds) {}

    private final ExecutorService threads;

    Pool(int size) {
      threads = Executors.newFixedThreadPool(size);
    }

    Result run(int drivers, Duration length, Drivers journeys, Kind kind) throws Exception {
      AtomicInteger finished = new AtomicInteger();
      DoubleAdder cpu = new DoubleAdder();
      long started = System.nanoTime();
      long end = started + length.toNanos();
      List<Future<?>> running = new ArrayList<>();
      for (int d = 0; d < drivers; d++) {
        running.add(threads.submit(() -> {
          ThreadMXBean cpuTime = ManagementFactory.getThreadMXBean();
          long cpuAtStart = cpuTime.getCurrentThreadCpuTime();
          while (System.nanoTime() < end) {
            journeys.drive(kind);
            finished.incrementAndGet();
          }
          cpu.add((cpuTime.getCurrentThreadCpuTime() - cpuAtStart) / 1e9);
          return null;
        }));
      }
      for (Future<?> driver : running) {
        driver.get();
      }
      return new Result(finished.get(), (System.nanoTime() - started) / 1e9, cpu.sum());
    }

    @Override
    public void close() {
      threads.shutdownNow();
    }
  }

  /** What H2 ran while some journeys were driven one after another, from its query statistics. */
  record Statements(int journeys, List<Map<String, Object>> rows) {

    static Statements count(JdbcTemplate jdbc, int journeys, Runnable journey) {
      // Database-wide: the outbox dispatcher's statements meanwhile count too, as they are the journeys' work.
      jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 10000");
      jdbc.execute("SET QUERY_STATISTICS TRUE");
      try {
        for (int i = 0; i < journeys; i++) {
          journey.run();
        }
        return new Statements(journeys, jdbc.queryForList("""
            SELECT SQL_STATEMENT, EXECUTION_COUNT, CUMULATIVE_EXECUTION_TIME FROM INFORMATION_SCHEMA.QUERY_STATISTICS
             WHERE SQL_STATEMENT NOT LIKE '%INFORMATION_SCHEMA.QUERY_STATISTICS%'
             ORDER BY CUMULATIVE_EXECUTION_TIME DESC"""));
      } finally {
        // Off also forgets what was counted.
        jdbc.execute("SET QUERY_STATISTICS FALSE");
      }
    }

    long perJourney() {
      return Math.round(rows.stream().mapToLong(row -> ((Number) row.get("EXECUTION_COUNT")).longValue()).sum()
          / (double) journeys);
    }

    double millisPerJourney() {
      return rows.stream().mapToDouble(row -> ((Number) row.get("CUMULATIVE_EXECUTION_TIME")).doubleValue()).sum()
          / journeys;
    }

    String top(int limit) {
      return String.join("; ", rows.stream().limit(limit).map(row -> String.format("%s (%.0f, %.0f ms)",
          shorten((String) row.get("SQL_STATEMENT")),
          ((Number) row.get("EXECUTION_COUNT")).doubleValue() / journeys,
          ((Number) row.get("CUMULATIVE_EXECUTION_TIME")).doubleValue() / journeys)).toList());
    }

    /** Every statement, per journey, for a closer look: times run, ms inside H2, the SQL. */
    void write(Path file) throws IOException {
      StringBuilder csv = new StringBuilder("executions_per_journey,ms_per_journey,sql\n");
      for (Map<String, Object> row : rows) {
        csv.append(String.format("%.1f,%.2f,\"%s\"%n", ((Number) row.get("EXECUTION_COUNT")).doubleValue() / journeys,
            ((Number) row.get("CUMULATIVE_EXECUTION_TIME")).doubleValue() / journeys,
            ((String) row.get("SQL_STATEMENT")).replaceAll("\\s+", " ").replace("\"", "\"\"")));
      }
      Files.writeString(file, csv);
    }

    private static String shorten(String sql) {
      String flat = sql.replaceAll("\\s+", " ").trim();
      return flat.length() <= 90 ? flat : flat.substring(0, 87) + "...";
    }
  }

  /** Waits up to a minute for the dispatcher to deliver what the journeys queued; answers what is left. */
  private static long awaitOutbox(JdbcTemplate jdbc) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    long pending;
    while ((pending = jdbc.queryForObject("SELECT COUNT(*) FROM kapcare_notification WHERE status <> 'SENT'", Long.class)) > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    return pending;
  }

  /** The rows a finished journey (its doses included) has in each history table, and their total. */
  private static Map<String, Integer> rows(JdbcTemplate jdbc, String rootProcessInstance) {
    Map<String, Integer> rows = new LinkedHashMap<>();
    int total = 0;
    for (String table : HISTORY) {
      int count = count(jdbc, table, rootProcessInstance);
      rows.put(table, count);
      total += count;
    }
    rows.put("total", total);
    return rows;
  }

  private static int count(JdbcTemplate jdbc, String table, String rootProcessInstance) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE ROOT_PROC_INST_ID_ = ?", Integer.class,
        rootProcessInstance);
  }

  private static String patientId(int patient) {
    return String.format("T-%06d", patient);
  }

  private static String iso(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MINUTES).toString();
  }
}
