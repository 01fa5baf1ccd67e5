package org.kapcare.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs the benchmarks: {@code ./mvnw -Pbench verify}, or with {@code -Dbench.args="quick"} for a
 * smaller run that CI can afford; name benchmarks ({@code escalation}, {@code insight},
 * {@code throughput}) to run only those; {@code postgres-only} skips the insight queries' H2 half. Every figure is measured in this run, next to its baseline.
 */
public final class Bench {

  /**
   * Outside the demo profile the app needs a first administrator (security/FirstAdministrator),
   * whose password Camunda's policy checks: it may not contain the user id.
   */
  static final List<String> FIRST_ADMINISTRATOR = List.of("--kapcare.admin.user=bench",
      "--kapcare.admin.password=Tulip-Ward-2026!");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    boolean quick = options.contains("quick");
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
    if (only.isEmpty() || only.contains("queue")) new CoordinatorQueue(quick ? 10_000 : 100_000, quick ? 30 : 200).run(report);
    report.write(Path.of("target", "bench"));
    // The engine's and Spring's non-daemon threads are gone with the contexts, but be explicit.
    System.exit(0);
  }
}
