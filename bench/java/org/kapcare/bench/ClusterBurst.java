package org.kapcare.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.kapcare.ClusterNode;
import org.kapcare.HeadlessApp;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The escalation burst on PostgreSQL, on one node and then on two: the packaged jar in JVMs of its
 * own (the engine clock and Camunda's engine registry are per JVM), in real time, with the postgres
 * profile's settings. The windows are set up by an engine in this JVM on the same database, without
 * job executor, outbox dispatcher or web server: a client, as Tasklist's users are, only quicker
 * than the REST API. The nodes run while the windows are set up, as a clinic's do: they send each
 * window's reminder, due as its discharge is recorded, and are warm and idle when the deadlines fall.
 */
final class ClusterBurst {

  private static final String ALERT_STEP = "alertMissedIntegration";

  private final int windows;
  private final Path folder = Path.of("target", "bench");

  ClusterBurst(int windows) {
    this.windows = windows;
  }

  private record Measured(Burst.Result kapCare, Burst.Result bare) {}

  void run(BenchReport report) throws Exception {
    long began = System.nanoTime();
    try (ThrowawayPostgres postgres = ThrowawayPostgres.start(folder.resolve("escalation-postgres"), 0)) {
      if (postgres == null) {
        BenchReport.note(report.section("Escalation burst on PostgreSQL"), ThrowawayPostgres.SKIPPED);
        return;
      }
      List<String> args = new ArrayList<>(List.of("--spring.profiles.active=bench",
          "--logging.file.name=target/bench/escalation-postgres.log", "--logging.threshold.console=WARN"));
      args.addAll(postgres.datasource());
      args.addAll(Bench.FIRST_ADMINISTRATOR);
      // The first start on the empty database makes the schema, deploys the models and names the first
      // administrator, so the nodes start as they would on a clinic's existing database.
      try (ConfigurableApplicationContext setup = HeadlessApp.start(args.toArray(String[]::new))) {
        ProcessEngine engine = setup.getBean(ProcessEngine.class);
        JdbcTemplate jdbc = setup.getBean(JdbcTemplate.class);
        List<ClusterNode> nodes = List.of(node("node-a", postgres), node("node-b", postgres));
        try {
          BenchReport.Section section = report.section(title("one node"));
          Measured one = onNodes(section, engine, jdbc, nodes.subList(0, 1));
          BenchReport.add(section, "wall time of this part (PostgreSQL, set-up engine, node, bursts)",
              Burst.seconds(System.nanoTime() - began), "s");

          long twoBegan = System.nanoTime();
          section = report.section(title("two nodes"));
          Measured two = onNodes(section, engine, jdbc, nodes);
          BenchReport.add(section, "two nodes / one node, time to the last escalation: KAP Care / bare engine",
              EscalationBurst.ratio(two.kapCare(), one.kapCare()) + " / "
                  + EscalationBurst.ratio(two.bare(), one.bare()), "x");
          BenchReport.add(section, "wall time of this part (node-b, bursts)",
              Burst.seconds(System.nanoTime() - twoBegan), "s");
          BenchReport.note(section, "The two-node burst runs on the database the one-node burst left (its " + windows
              + " journeys stay open, each with its escalation task).");
        } finally {
          for (ClusterNode node : nodes) {
            node.stop();
          }
        }
      }
    }
  }

  private String title(String nodes) {
    return "Escalation burst on PostgreSQL: " + windows + " integration windows closing within "
        + Burst.spreadSeconds(windows) + " s (" + nodes + " of the packaged jar, postgres profile, real time)";
  }

  private Measured onNodes(BenchReport.Section section, ProcessEngine engine, JdbcTemplate jdbc,
      List<ClusterNode> nodes) throws IOException, InterruptedException {
    // One after the other: two nodes starting at the same moment can fail one start (see README).
    for (ClusterNode node : nodes) {
      if (!node.running()) {
        long launched = System.nanoTime();
        node.start();
        BenchReport.add(section, node.name() + ": start-up before the set-up",
            Burst.seconds(System.nanoTime() - launched), "s");
      }
    }
    String prefix = "P" + nodes.size();
    Burst kapCare = new Burst(Burst.Kind.KAP_CARE, prefix, windows, trials());
    setUp(kapCare, engine, jdbc);
    Burst.awaitCount("reminders delivered", () -> kapCare.remindersDelivered(jdbc), kapCare.remindersExpected());
    double idle = Burst.seconds(kapCare.lastReminderDelivered(jdbc), kapCare.first());
    Burst.awaitCount("escalations", () -> kapCare.escalated(jdbc), windows);
    Burst.awaitCount("alerts delivered", () -> kapCare.alertsDelivered(jdbc), windows);
    Burst.Result kapCareResult = kapCare.result(jdbc);

    Burst bare = new Burst(Burst.Kind.BARE, "Q" + nodes.size(), windows, trials());
    Instant bareReady = setUp(bare, engine, jdbc);
    double bareIdle = Burst.seconds(bareReady, bare.first());
    Burst.awaitCount("bare escalations", () -> bare.escalated(jdbc), windows);
    Burst.Result bareResult = bare.result(jdbc);

    EscalationBurst.addFigures(section, kapCareResult, bareResult);
    Map<String, Long> deliveries = new LinkedHashMap<>();
    for (ClusterNode node : nodes) {
      deliveries.put(node.name(), node.countLogLines("integration-window-missed for patient " + prefix + "-"));
    }
    long deliveredTwice = deliveries.values().stream().mapToLong(Long::longValue).sum() - windows;
    BenchReport.add(section, "managers' alerts delivered twice (the nodes' log lines)", deliveredTwice, "");
    BenchReport.add(section, "KAP Care: deadline timers fired, by node",
        split(kapCare.jobsByNode(jdbc, kapCare.kind().timer)), "");
    BenchReport.add(section, "KAP Care: alert steps (escalations) run, by node",
        split(kapCare.jobsByNode(jdbc, ALERT_STEP)), "");
    BenchReport.add(section, "KAP Care: managers' alerts delivered, by node", split(deliveries), "");
    BenchReport.add(section, "bare engine: timers fired, by node", split(bare.jobsByNode(jdbc, bare.kind().timer)), "");
    BenchReport.add(section, "failed job attempts, retried by the engine: KAP Care / bare engine",
        kapCare.failedJobAttempts(jdbc) + " / " + bare.failedJobAttempts(jdbc), "");
    BenchReport.add(section, "nodes idle before the first deadline: KAP Care / bare engine",
        String.format("%.1f / %.1f", idle, bareIdle), "s");
    BenchReport.note(section, "Lag = when the escalation task was created (the node's clock) minus its window's "
        + "deadline. Drain = from the first deadline to the last escalation. The windows are set up by an engine in the "
        + "benchmark's JVM on the same database (no job executor, no outbox dispatcher) while the nodes run; for KAP Care "
        + "they are idle from their last reminder's delivery. Who did what: ACT_HI_JOB_LOG.HOSTNAME_, and the lines each "
        + "node's dispatcher logs (target/bench/escalation-node-*.log).");
    if (idle < 0 || bareIdle < 0) {
      BenchReport.note(section, BenchReport.FAILED + "the nodes were still busy with the set-up when the first deadline fell; "
          + "the figures include that work.");
    }
    if (deliveredTwice != 0) {
      BenchReport.note(section, BenchReport.FAILED + "every managers' alert must be delivered exactly once.");
    }
    return new Measured(kapCareResult, bareResult);
  }

  /** Trial windows per burst (see setUp): 5 %, and enough to take a few seconds. */
  private int trials() {
    return Math.max(200, windows / 20);
  }

  /**
   * Prepares the windows, opens the trial windows to time the opening (see Burst.openTrials), then
   * opens the burst's own with the first deadline after half as long again as that pace makes them
   * take, and a lead: for KAP Care 10 s, in which the last reminders go out (the outbox is polled
   * every 5 s as shipped); 3 s for the bare processes, which leave the nodes nothing to do. Timing
   * beats a rule of thumb: completing a task reads all of ACT_RU_TASK on PostgreSQL, so opening slows
   * as open tasks pile up, and it took from 2 to 10 times as long as preparing. Answers when the
   * set-up ended.
   */
  private Instant setUp(Burst burst, ProcessEngine engine, JdbcTemplate jdbc) {
    burst.prepare(engine);
    Duration opening = burst.openTrials(engine, jdbc).multipliedBy(windows);
    Duration lead = Duration.ofSeconds(burst.kind() == Burst.Kind.KAP_CARE ? 10 : 3);
    burst.open(engine, Instant.now().plus(opening.multipliedBy(3).dividedBy(2)).plus(lead)
        .truncatedTo(ChronoUnit.SECONDS));
    return Instant.now();
  }

  private ClusterNode node(String name, ThrowawayPostgres postgres) {
    List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=postgres",
        // Written into ACT_HI_JOB_LOG.HOSTNAME_ by every job: the default (IP and engine name) is the
        // same for two nodes on one machine, so who did what could not be told.
        "--camunda.bpm.generic-properties.properties.hostname=" + name));
    arguments.addAll(Bench.FIRST_ADMINISTRATOR);
    return new ClusterNode(name, folder.resolve("escalation").toAbsolutePath(), postgres.environment(), arguments,
        folder.resolve("escalation-nodes").toAbsolutePath());
  }

  private static String split(Map<String, ? extends Number> byNode) {
    return byNode.entrySet().stream().map(entry -> entry.getKey() + " " + entry.getValue())
        .collect(Collectors.joining(", "));
  }
}
