package org.kapcare.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.kapcare.KapCareApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 4's burst: N integration windows whose deadlines fall together, on one node with H2 on
 * file and the engine clock moved; then, in {@link ClusterBurst}, on one and on two nodes of the
 * packaged jar on PostgreSQL in real time. Baseline, in the same run and engine or nodes: N bare
 * processes whose only logic is a timer that opens a task. For both, how long after each deadline
 * its escalation exists, and whether each exists exactly once.
 */
final class EscalationBurst {

  private final int windows;
  private final boolean oneNodeOnPostgres;

  EscalationBurst(int windows, boolean oneNodeOnPostgres) {
    this.windows = windows;
    this.oneNodeOnPostgres = oneNodeOnPostgres;
  }

  void run(BenchReport report) throws Exception {
    runOnH2(report);
    new ClusterBurst(windows, oneNodeOnPostgres).run(report);
  }

  private void runOnH2(BenchReport report) throws Exception {
    long began = System.nanoTime();
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
          + " integration windows closing within " + Burst.spreadSeconds(windows)
          + " s (H2 file, one node, default job executor)");
      Burst.Result bare = bareEngine(engine, jdbc);
      Burst.Result kapCare = kapCare(engine, jdbc);
      addFigures(section, kapCare, bare);
      BenchReport.add(section, "wall time of this part (start-up, set-up, bursts)",
          Burst.seconds(System.nanoTime() - began), "s");
      BenchReport.note(section, "Lag = when the escalation task was created minus its window's deadline, on the engine "
          + "clock (moved forward, running in real time). Drain = from the first deadline to the last escalation.");
    } finally {
      ClockUtil.reset();
    }
  }

  /** The figures every set-up reports, H2 or PostgreSQL, one node or two. */
  static void addFigures(BenchReport.Section section, Burst.Result kapCare, Burst.Result bare) {
    BenchReport.add(section, "bare engine: last escalation after the last deadline",
        bare.escalations().lastAfterLastDeadline(), "s");
    BenchReport.add(section, "bare engine: escalation lag p50 / p95 / max", bare.escalations().summary(), "s");
    BenchReport.add(section, "KAP Care: set-up of the discharged doses", kapCare.setupSeconds(), "s");
    BenchReport.add(section, "KAP Care: last escalation task after the last deadline",
        kapCare.escalations().lastAfterLastDeadline(), "s");
    BenchReport.add(section, "KAP Care: escalation lag p50 / p95 / max", kapCare.escalations().summary(), "s");
    BenchReport.add(section, "KAP Care: last managers' alert queued after the last deadline",
        kapCare.alertsQueued().lastAfterLastDeadline(), "s");
    BenchReport.add(section, "KAP Care: last managers' alert delivered (log) after the last deadline",
        kapCare.alertsDelivered().lastAfterLastDeadline(), "s");
    BenchReport.add(section, "KAP Care / bare engine, time to the last escalation", ratio(kapCare, bare), "x");
    BenchReport.add(section, "escalations: missing / duplicated", kapCare.escalations().missing() + " / "
        + kapCare.escalations().duplicated(), "");
    BenchReport.add(section, "managers' alerts: missing / duplicated", kapCare.alertsQueued().missing() + " / "
        + kapCare.alertsQueued().duplicated(), "");
    BenchReport.add(section, "journeys not escalated, alerted and reminded exactly once (the cluster test's check)",
        kapCare.notExactlyOnce().size(), "");
    if (kapCare.failures() + bare.failures() > 0) {
      BenchReport.note(section, BenchReport.FAILED + "every window must escalate and alert exactly once (bare engine: "
          + bare.escalations().missing() + " missing / " + bare.escalations().duplicated() + " duplicated).");
    }
  }

  /** How much longer {@code slower} took than {@code faster} from the first deadline to the last escalation. */
  static String ratio(Burst.Result slower, Burst.Result faster) {
    return String.format("%.2f", slower.escalations().drain() / Math.max(faster.escalations().drain(), 0.001));
  }

  private Burst.Result bareEngine(ProcessEngine engine, JdbcTemplate jdbc) {
    Burst bare = new Burst(Burst.Kind.BARE, "bare", windows);
    bare.prepare(engine);
    bare.open(engine, Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES));
    moveClockTo(bare.first().minusSeconds(2));
    Burst.awaitCount("bare escalations", () -> bare.escalated(jdbc), windows);
    return bare.result(jdbc);
  }

  private Burst.Result kapCare(ProcessEngine engine, JdbcTemplate jdbc) {
    ClockUtil.reset();
    Burst kapCare = new Burst(Burst.Kind.KAP_CARE, "B", windows);
    kapCare.prepare(engine);
    // Discharged two minutes ago at the latest, so the form accepts every discharge time.
    kapCare.open(engine, Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MINUTES).plus(Burst.WINDOW));

    // The reminders fall due a day earlier; they are let through first, untimed, as in a real clinic.
    moveClockTo(kapCare.first().minus(Burst.WINDOW.dividedBy(2)).plusSeconds(kapCare.spreadSeconds() + 1));
    Burst.awaitCount("reminders delivered", () -> kapCare.remindersDelivered(jdbc), kapCare.remindersExpected());

    moveClockTo(kapCare.first().minusSeconds(2));
    Burst.awaitCount("escalations", () -> kapCare.escalated(jdbc), windows);
    Burst.awaitCount("alerts delivered", () -> kapCare.alertsDelivered(jdbc), windows);
    return kapCare.result(jdbc);
  }

  /** Moves the engine clock to {@code instant}; from there it runs on in real time. */
  private static void moveClockTo(Instant instant) {
    ClockUtil.offset(instant.toEpochMilli() - System.currentTimeMillis());
  }
}
