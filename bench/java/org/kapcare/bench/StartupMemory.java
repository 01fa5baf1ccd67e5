package org.kapcare.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.kapcare.KapCareApplication;
import org.kapcare.PackagedApp;

/**
 * Seconds to ready and resident memory of the demo clinic, each start in a JVM of its own started
 * from the class path as {@code ./mvnw spring-boot:run} does, on a fresh H2 file. Baseline, in the
 * same run and started the same way, taking turns: Camunda's starter alone ({@link BareCamunda}).
 * Ready means {@code /actuator/health/readiness} answers 200, the moment a load balancer would send
 * the first user; resident memory is the JVM's VmRSS from /proc, as the operating system counts it.
 */
final class StartupMemory {

  private static final Duration START_UP = Duration.ofMinutes(5);
  private static final Duration HISTORY = Duration.ofMinutes(10);
  private static final Path FOLDER = Path.of("target", "bench", "startup");
  /** First pages of the coordinators' queue read after a start on PostgreSQL, before the memory is read. */
  private static final int QUEUE_PAGES = 20;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final int rounds;
  private final boolean waitForHistory;
  private final int runningJourneys;

  /**
   * @param rounds starts of each kind, taking turns
   * @param waitForHistory whether the last KAP Care start also waits for the demo's background
   *     history (about two minutes) and reports the memory then
   * @param runningJourneys how many running journeys the PostgreSQL half starts the app on; 0
   *     leaves that half out
   */
  StartupMemory(int rounds, boolean waitForHistory, int runningJourneys) {
    this.rounds = rounds;
    this.waitForHistory = waitForHistory;
    this.runningJourneys = runningJourneys;
  }

  /** What one start measured. */
  record Start(double secondsToReady, double readyRssMb, double inUseRssMb, String startedLine) {}

  /** One kind of start: what is started, and with which settings. */
  private record Kind(String label, String name, String mainClass, List<String> settings) {}

  void run(BenchReport report) throws Exception {
    BenchReport.Section section = report.section("Start-up and memory: the demo clinic (H2 file) next to Camunda alone, "
        + rounds + " start(s) each, taking turns");
    Bench.deleteRecursively(FOLDER);
    Kind bare = new Kind("Camunda alone", "bare", BareCamunda.class.getName(), bareSettings());
    // Without its journeys, to tell what the app costs from what writing the demo's 40 running journeys does.
    Kind app = new Kind("KAP Care, demo users and filters, no journeys", "kapcare-empty", KapCareApplication.class.getName(),
        List.of("--spring.profiles.active=demo", "--kapcare.demo.history=false"));
    Kind demo = new Kind("KAP Care demo clinic", "kapcare-demo", KapCareApplication.class.getName(),
        List.of("--spring.profiles.active=demo"));
    Map<Kind, List<Start>> starts = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (Kind kind : List.of(bare, app, demo)) {
        boolean history = kind == demo && round == rounds && waitForHistory;
        starts.computeIfAbsent(kind, k -> new ArrayList<>())
            .add(measure(start(kind.name() + "-" + round, kind.mainClass(), kind.settings()),
                history ? demoHistory(section) : NOTHING));
      }
    }
    List<Start> baseline = starts.get(bare);
    starts.forEach((kind, measured) -> {
      BenchReport.add(section, kind.label() + ": seconds to ready, median (each start)",
          summary(measured, Start::secondsToReady), "s");
      BenchReport.add(section, kind.label() + ": resident memory when ready, median (each start)",
          summary(measured, Start::readyRssMb), "MB");
      if (kind != bare) {
        BenchReport.add(section, kind.label() + " / Camunda alone, seconds to ready / resident memory",
            ratio(measured, baseline, Start::secondsToReady) + " / " + ratio(measured, baseline, Start::readyRssMb), "x");
      }
    });
    BenchReport.note(section, "Spring's own line, last start of each: " + starts.entrySet().stream()
        .map(entry -> entry.getKey().label() + " \"" + entry.getValue().get(entry.getValue().size() - 1).startedLine() + "\"")
        .collect(Collectors.joining("; ")) + ".");
    BenchReport.note(section, "Each start is a JVM of its own (java -cp <the project's class path> <main class>, no -Xmx: the "
        + "JVM's default heap, as spring-boot:run) on an empty H2 file; seconds are from launching the JVM to the first 200 "
        + "from /actuator/health/readiness, polled every 100 ms. KAP Care's demo writes its 40 running journeys before it "
        + "is ready and its finished ones afterwards, in the background. Camunda alone is the same starter, webapps and "
        + "REST API with Camunda's defaults, full history, authorization on and one administrator, and no models. Logs: "
        + FOLDER + "/*.log.");
    if (runningJourneys > 0) {
      withRunningJourneys(report);
    }
  }

  /**
   * The app as a clinic runs it (postgres profile, no demo) on one PostgreSQL database: its first
   * start, which makes the schema; starts with no journeys; then, after {@link RunningJourneys} has
   * put {@code runningJourneys} there, starts with them. The baseline (no journeys) cannot take turns
   * with the rest, since the journeys are only added once; its starts come first.
   */
  private void withRunningJourneys(BenchReport report) throws Exception {
    BenchReport.Section section = report.section(String.format("Start-up and memory on PostgreSQL: KAP Care with %,d "
        + "running journeys next to none, %d start(s) each", runningJourneys, rounds));
    try (ThrowawayPostgres postgres = ThrowawayPostgres.start(FOLDER.resolveSibling("startup-postgres"), 0)) {
      if (postgres == null) {
        BenchReport.note(section, ThrowawayPostgres.SKIPPED);
        return;
      }
      List<String> settings = new ArrayList<>(List.of("--spring.profiles.active=postgres"));
      settings.addAll(postgres.datasource());
      settings.addAll(Bench.FIRST_ADMINISTRATOR);
      String app = KapCareApplication.class.getName();
      Start first = measure(start("postgres-first", app, settings), NOTHING);
      List<Start> none = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        none.add(measure(start("postgres-none-" + round, app, settings), StartupMemory::inUse));
      }
      RunningJourneys.Filled filled = RunningJourneys.create(postgres.datasource(), runningJourneys, false);
      List<Start> many = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        many.add(measure(start("postgres-journeys-" + round, app, settings), StartupMemory::inUse));
      }
      BenchReport.add(section, "first start on an empty database (Flyway makes the schema, models deployed)",
          String.format("%.1f", first.secondsToReady()), "s");
      BenchReport.add(section, "no journeys: seconds to ready, median (each start)", summary(none, Start::secondsToReady), "s");
      BenchReport.add(section, String.format("%,d running journeys: seconds to ready, median (each start)",
          filled.instances()), summary(many, Start::secondsToReady), "s");
      BenchReport.add(section, "with the journeys / none, seconds to ready", ratio(many, none, Start::secondsToReady), "x");
      BenchReport.add(section, "no journeys: resident memory when ready, median (each start)",
          summary(none, Start::readyRssMb), "MB");
      BenchReport.add(section, "running journeys: resident memory when ready, median (each start)",
          summary(many, Start::readyRssMb), "MB");
      BenchReport.add(section, "with the journeys / none, resident memory when ready", ratio(many, none, Start::readyRssMb), "x");
      BenchReport.add(section, "no journeys: resident memory after use, median (each start)",
          summary(none, Start::inUseRssMb), "MB");
      BenchReport.add(section, "running journeys: resident memory after use, median (each start)",
          summary(many, Start::inUseRssMb), "MB");
      BenchReport.note(section, String.format("The journeys: the demo clinic's %d running ones copied under new ids, "
          + "without their history (RunningJourneys; %.0f s). After use = after Cockpit's dashboard query "
          + "(/engine-rest/process-definition/statistics) and %d first pages of the coordinators' queue "
          + "(/engine-rest/task, candidate group care-coordinators, by due date) as the administrator. The app is started "
          + "as in the H2 half, with the postgres profile and a first administrator, as a clinic's node.",
          filled.templates(), filled.templateSeconds() + filled.copySeconds() + filled.vacuumSeconds(), QUEUE_PAGES));
    }
  }

  private static List<String> bareSettings() {
    return List.of(
        // No KAP Care settings: application.yaml is looked for under another name, which does not exist.
        "--spring.config.name=bare-camunda",
        "--spring.datasource.url=jdbc:h2:file:./data/bare;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256",
        "--spring.flyway.enabled=false",
        "--camunda.bpm.auto-deployment-enabled=false",
        "--camunda.bpm.history-level=full",
        "--camunda.bpm.authorization.enabled=true",
        "--camunda.bpm.admin-user.id=admin",
        "--camunda.bpm.admin-user.password=demo",
        "--management.endpoint.health.probes.enabled=true");
  }

  private record Launched(PackagedApp app, long launchedNanos, String name) {}

  private static Launched start(String name, String mainClass, List<String> settings) throws IOException {
    Path work = FOLDER.resolve(name);
    Files.createDirectories(work);
    long launched = System.nanoTime();
    // Camunda alone without KAP Care's classes, whose plugins the webapps would otherwise load.
    String classPath = mainClass.equals(BareCamunda.class.getName()) ? BareCamunda.classPath()
        : System.getProperty("java.class.path");
    return new Launched(PackagedApp.startMain(FOLDER.resolve(name + ".log"), work, Map.of(), classPath, mainClass,
        settings.toArray(String[]::new)), launched, name);
  }

  /**
   * What a benchmark does with an app once it is ready, before it is stopped; answers the resident
   * memory after it, in MB, or NaN.
   */
  @FunctionalInterface
  private interface AfterReady {
    double run(PackagedApp app, long launchedNanos) throws Exception;
  }

  private static final AfterReady NOTHING = (app, launchedNanos) -> Double.NaN;

  /** Waits for readiness, reads the memory, does {@code afterReady}, and stops the app. */
  private static Start measure(Launched launched, AfterReady afterReady) throws Exception {
    try (PackagedApp app = launched.app()) {
      awaitReady(app, launched.name());
      double seconds = (System.nanoTime() - launched.launchedNanos()) / 1e9;
      double rss = memoryMb(app.pid(), "VmRSS");
      System.out.printf("  %-20s ready in %.1f s, %.0f MB resident%n", launched.name(), seconds, rss);
      double inUse = afterReady.run(app, launched.launchedNanos());
      String started = app.output().lines().filter(line -> line.contains("Started "))
          .map(line -> line.substring(line.indexOf("Started "))).findFirst().orElse("no \"Started\" line");
      return new Start(seconds, rss, inUse, started);
    }
  }

  /** The demo's background history: how long until it is written, and the memory then. */
  private static AfterReady demoHistory(BenchReport.Section section) {
    return (app, launchedNanos) -> {
      app.awaitLogLine("Demo clinic ready", HISTORY);
      BenchReport.add(section, "KAP Care demo: seconds until the background history is written (last start)",
          String.format("%.1f", (System.nanoTime() - launchedNanos) / 1e9), "s");
      double rss = memoryMb(app.pid(), "VmRSS");
      BenchReport.add(section, "KAP Care demo: resident memory then / its peak so far (VmRSS / VmHWM)",
          String.format("%.0f / %.0f", rss, memoryMb(app.pid(), "VmHWM")), "MB");
      return rss;
    };
  }

  /** A manager's Cockpit dashboard and a coordinator's queue pages, as the administrator; the memory after. */
  private static double inUse(PackagedApp app, long launchedNanos) throws Exception {
    String basic = "Basic " + Base64.getEncoder().encodeToString((Bench.ADMIN + ":" + Bench.ADMIN_PASSWORD)
        .getBytes(StandardCharsets.UTF_8));
    List<String> paths = new ArrayList<>(List.of("/engine-rest/process-definition/statistics"));
    for (int page = 0; page < QUEUE_PAGES; page++) {
      paths.add("/engine-rest/task?candidateGroup=care-coordinators&includeAssignedTasks=true&sortBy=dueDate"
          + "&sortOrder=asc&firstResult=" + page * 15 + "&maxResults=15");
    }
    for (String path : paths) {
      HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
          .header("Authorization", basic).build(), HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
    }
    return memoryMb(app.pid(), "VmRSS");
  }

  private static void awaitReady(PackagedApp app, String name) throws Exception {
    long deadline = System.nanoTime() + START_UP.toNanos();
    HttpRequest readiness = HttpRequest.newBuilder(URI.create(app.baseUrl() + "/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(5)).build();
    while (true) {
      if (!app.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " was not ready within " + START_UP + "; see " + FOLDER.resolve(name + ".log"));
      }
      try {
        if (HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notListeningYet) {
        // The web server opens its port late in the start; until then the connection is refused.
      }
      Thread.sleep(100);
    }
  }

  /** A memory figure of /proc/{pid}/status (VmRSS, VmHWM), in MB. */
  private static double memoryMb(long pid, String field) throws IOException {
    try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(pid), "status"))) {
      String line = lines.filter(l -> l.startsWith(field + ":")).findFirst()
          .orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/" + pid + "/status"));
      return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
    }
  }

  private static double median(List<Start> starts, ToDoubleFunction<Start> figure) {
    double[] sorted = starts.stream().mapToDouble(figure).sorted().toArray();
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static String summary(List<Start> starts, ToDoubleFunction<Start> figure) {
    String each = starts.stream().map(start -> String.format("%.1f", figure.applyAsDouble(start)))
        .reduce((a, b) -> a + " / " + b).orElse("");
    return String.format("%.1f (%s)", median(starts, figure), each);
  }

  private static String ratio(List<Start> starts, List<Start> baseline, ToDoubleFunction<Start> figure) {
    return String.format("%.2f", median(starts, figure) / median(baseline, figure));
  }
}
