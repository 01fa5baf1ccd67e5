package org.kapcare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the benchmarks: {@code ./mvnw -Pbench verify}, or with {@code -Dbench.args=--quick} for a
 * smaller run that CI can afford; name benchmarks ({@code escalation}, {@code insight},
 * {@code throughput}, {@code startup}) to run only those; {@code postgres-only} skips the insight
 * queries' H2 half. Every figure is measured in this run, next to its baseline.
 */
public final class Bench {

  /**
   * Outside the demo profile the app needs a first administrator (security/FirstAdministrator),
   * whose password Camunda's policy checks: it may not contain the user id.
   */
  static final List<String> FIRST_ADMINISTRATOR = List.of("--kapcare.admin.user=bench",
      "--kapcare.admin.password=Tulip-Ward-2026!");

  private static final List<String> OPTIONS = List.of("quick", "all", "postgres-only", "escalation", "insight",
      "throughput", "startup");

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
    List<String> unknown = options.stream().filter(option -> !OPTIONS.contains(option)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown benchmark option(s) " + unknown + "; known: " + OPTIONS);
    }
    boolean quick = options.contains("quick");
    long started = System.nanoTime();
    BenchReport report = new BenchReport();
    List<String> only = options.stream().filter(option -> !List.of("quick", "all", "postgres-only").contains(option))
        .toList();
    if (only.isEmpty() || only.contains("escalation")) {
      new EscalationBurst(quick ? 1_000 : 10_000).run(report);
    }
    if (only.isEmpty() || only.contains("insight")) {
      new InsightQueries(quick ? 100_000 : 1_000_000, options.contains("postgres-only")).run(report);
    }
    if (only.isEmpty() || only.contains("throughput")) {
      new JourneyThroughput(quick ? Duration.ofSeconds(6) : Duration.ofSeconds(20),
          quick ? Duration.ofSeconds(3) : Duration.ofSeconds(8), quick ? 1 : 3).run(report);
    }
    if (only.isEmpty() || only.contains("startup")) {
      new StartupMemory(quick ? 1 : 3, !quick).run(report);
    }
    BenchReport.add(report.section("This run"), "all benchmarks above, " + (quick ? "quick" : "full size"),
        String.format("%.0f", (System.nanoTime() - started) / 1e9), "s");
    report.write(Path.of("target", "bench"));
    // The engine's and Spring's non-daemon threads are gone with the contexts, but be explicit.
    System.exit(report.failed() ? 1 : 0);
  }
}
