package org.kapcare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the benchmarks: {@code ./mvnw -Pbench verify}, or with {@code -Dbench.args=--quick} for a
 * smaller run that CI can afford (under 5 minutes on 2 quiet cores); name benchmarks (the keys of
 * the map in {@link #main}: escalation, queue, insight, throughput, startup) to run only those;
 * {@code postgres-only} skips the insight queries' H2 half; {@code all}, the profile's default, is
 * the same as naming none. Every figure is measured in this run, next to its baseline.
 */
public final class Bench {

  /**
   * Outside the demo profile the app needs a first administrator (security/FirstAdministrator),
   * whose password Camunda's policy checks: it may not contain the user id.
   */
  static final String ADMIN = "bench";
  static final String ADMIN_PASSWORD = "Tulip-Ward-2026!";
  static final List<String> FIRST_ADMINISTRATOR = List.of("--kapcare.admin.user=" + ADMIN,
      "--kapcare.admin.password=" + ADMIN_PASSWORD);

  /** One benchmark: adds its sections and figures to the report. */
  @FunctionalInterface
  private interface Benchmark {
    void run(BenchReport report) throws Exception;
  }

  /** Options that are not a benchmark's name. */
  private static final List<String> FLAGS = List.of("quick", "all", "postgres-only");

  private Bench() {}

  /** Removes a previous run's folder and everything in it. */
  static void deleteRecursively(Path folder) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> old = Files.walk(folder)) {
        old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  public static void main(String[] args) throws Exception {
    // "--quick" and "quick" alike: Maven hands -Dbench.args over as it is written.
    List<String> options = Stream.of(args).map(option -> option.replaceFirst("^--", "")).toList();
    boolean quick = options.contains("quick");
    Map<String, Benchmark> benchmarks = new LinkedHashMap<>();
    // Quick: 300 windows, and on PostgreSQL two nodes only (on a quiet machine the one-node burst took
    // 61 s of a 386 s quick run).
    benchmarks.put("escalation", new EscalationBurst(quick ? 300 : 10_000, !quick)::run);
    benchmarks.put("queue", new CoordinatorQueue(quick ? 3_000 : 100_000, quick ? 30 : 200)::run);
    benchmarks.put("chart", new PatientChartOpening(quick ? 3_000 : 100_000, quick ? 30 : 200)::run);
    // Quick: PostgreSQL only, the clinics' database; on H2 the copying alone takes minutes.
    benchmarks.put("insight", new InsightQueries(quick ? 30_000 : 1_000_000, quick ? 20 : 80,
        quick || options.contains("postgres-only"))::run);
    // Quick: the guards' journeys over REST take turns for 6 s (a journey takes 1 to 4 s there).
    benchmarks.put("throughput", new JourneyThroughput(quick ? Duration.ofSeconds(3) : Duration.ofSeconds(20),
        quick ? Duration.ofSeconds(2) : Duration.ofSeconds(8), quick ? 1 : 3,
        quick ? Duration.ofSeconds(6) : Duration.ofSeconds(120))::run);
    // Quick: one turn of each Tasklist, three openings of each kind.
    benchmarks.put("tasklist", new TasklistOpening(quick ? 1 : 3, quick ? 3 : 10)::run);
    // Quick: the demo clinic only; the PostgreSQL half's fill and seven starts would take minutes more.
    benchmarks.put("startup", new StartupMemory(quick ? 1 : 3, !quick, quick ? 0 : 100_000)::run);
    List<String> unknown = options.stream().filter(option -> !FLAGS.contains(option) && !benchmarks.containsKey(option))
        .toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown benchmark option(s) " + unknown + "; known: " + FLAGS + " and "
          + benchmarks.keySet());
    }
    List<String> named = options.stream().filter(benchmarks::containsKey).toList();

    BenchReport report = new BenchReport();
    Map<String, Double> seconds = new LinkedHashMap<>();
    long started = System.nanoTime();
    for (Map.Entry<String, Benchmark> benchmark : benchmarks.entrySet()) {
      if (named.isEmpty() || named.contains(benchmark.getKey())) {
        long begun = System.nanoTime();
        benchmark.getValue().run(report);
        seconds.put(benchmark.getKey(), (System.nanoTime() - begun) / 1e9);
      }
    }
    BenchReport.Section run = report.section("This run");
    seconds.forEach((name, taken) -> BenchReport.add(run, name, String.format("%.0f", taken), "s"));
    BenchReport.add(run, "all of the above, " + (quick ? "quick" : "full size"),
        String.format("%.0f", (System.nanoTime() - started) / 1e9), "s");
    report.write(Path.of("target", "bench"));
    // The engine's and Spring's non-daemon threads are gone with the contexts, but be explicit.
    System.exit(report.failed() ? 1 : 0);
  }
}
