package org.kapcare.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final int rounds;
  private final boolean waitForHistory;

  /**
   * @param rounds starts of each kind, taking turns
   * @param waitForHistory whether the last KAP Care start also waits for the demo's background
   *     history (about two minutes) and reports the memory then
   */
  StartupMemory(int rounds, boolean waitForHistory) {
    this.rounds = rounds;
    this.waitForHistory = waitForHistory;
  }

  /** What one start measured. */
  record Start(double secondsToReady, double readyRssMb, String startedLine) {}

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
            .add(measure(start(kind.name() + "-" + round, kind.mainClass(), kind.settings()), history ? section : null));
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
    // PackagedApp logs to target/<name>.log.
    return new Launched(PackagedApp.startMain("bench/startup/" + name, work, Map.of(), mainClass,
        settings.toArray(String[]::new)), launched, name);
  }

  /** Waits for readiness, reads the memory, and stops the app; with a section, first waits for the demo's history too. */
  private static Start measure(Launched launched, BenchReport.Section history) throws Exception {
    try (PackagedApp app = launched.app()) {
      awaitReady(app, launched.name());
      double seconds = (System.nanoTime() - launched.launchedNanos()) / 1e9;
      double rss = memoryMb(app.pid(), "VmRSS");
      System.out.printf("  %-20s ready in %.1f s, %.0f MB resident%n", launched.name(), seconds, rss);
      if (history != null) {
        app.awaitLogLine("Demo clinic ready", HISTORY);
        BenchReport.add(history, "KAP Care demo: seconds until the background history is written (last start)",
            String.format("%.1f", (System.nanoTime() - launched.launchedNanos()) / 1e9), "s");
        BenchReport.add(history, "KAP Care demo: resident memory then / its peak so far (VmRSS / VmHWM)",
            String.format("%.0f / %.0f", memoryMb(app.pid(), "VmRSS"), memoryMb(app.pid(), "VmHWM")), "MB");
      }
      String started = app.output().lines().filter(line -> line.contains("Started "))
          .map(line -> line.substring(line.indexOf("Started "))).findFirst().orElse("no \"Started\" line");
      return new Start(seconds, rss, started);
    }
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
  static double memoryMb(long pid, String field) throws IOException {
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
