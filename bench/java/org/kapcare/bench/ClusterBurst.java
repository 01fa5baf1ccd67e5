package org.kapcare.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ProcessEngine;
import org.kapcare.ClusterNode;
import org.kapcare.HeadlessApp;
import org.kapcare.integrationwindow.WindowsRecord;
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

  /**
   * How far away the deadlines are while the windows are set up: KAP Care's discharges are then
   * recorded 36 h ago, so each window's reminder (halfway) falls due at once, as it does for a
   * window about to close.
   */
  private static final Duration PARKED = Duration.ofHours(12);

  private final int windows;
  /** Whether the burst runs on one node before two; the quick run goes straight to two nodes. */
  private final boolean oneNodeFirst;
  private final Path folder = Path.of("target", "bench");

  ClusterBurst(int windows, boolean oneNodeFirst) {
    this.windows = windows;
    this.oneNodeFirst = oneNodeFirst;
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
          Measured one = null;
          if (oneNodeFirst) {
            BenchReport.Section section = report.section(title("one node"));
            one = onNodes(section, engine, jdbc, nodes.subList(0, 1));
            BenchReport.add(section, "wall time of this part (PostgreSQL, set-up engine, node, bursts)",
                Burst.seconds(System.nanoTime() - began), "s");
          }
          long twoBegan = System.nanoTime();
          BenchReport.Section section = report.section(title("two nodes"));
          Measured two = onNodes(section, engine, jdbc, nodes);
          if (one != null) {
            BenchReport.add(section, "two nodes / one node, time to the last escalation: KAP Care / bare engine",
                EscalationBurst.ratio(two.kapCare(), one.kapCare()) + " / "
                    + EscalationBurst.ratio(two.bare(), one.bare()), "x");
            BenchReport.note(section, "The two-node burst runs on the database the one-node burst left (its " + windows
                + " journeys stay open, each with its escalation task).");
          } else {
            BenchReport.note(section, "Quick run: two nodes only, no one-node burst to compare with.");
          }
          BenchReport.add(section, one != null ? "wall time of this part (node-b, bursts)"
              : "wall time of this part (PostgreSQL, set-up engine, nodes, bursts)",
              Burst.seconds(System.nanoTime() - (one != null ? twoBegan : began)), "s");
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
    Burst kapCare = new Burst(Burst.Kind.KAP_CARE, prefix, windows);
    setUp(kapCare, engine);
    Burst.awaitCount("reminders delivered", () -> kapCare.remindersDelivered(jdbc), kapCare.remindersExpected());
    double idle = moveDeadlines(kapCare, engine);
    Burst.awaitCount("escalations", () -> kapCare.escalated(jdbc), windows);
    Burst.awaitCount("alerts delivered", () -> kapCare.alertsDelivered(jdbc), windows);
    Burst.Result kapCareResult = kapCare.result(jdbc);

    Burst bare = new Burst(Burst.Kind.BARE, "Q" + nodes.size(), windows);
    setUp(bare, engine);
    double bareIdle = moveDeadlines(bare, engine);
    Burst.awaitCount("bare escalations", () -> bare.escalated(jdbc), windows);
    Burst.Result bareResult = bare.result(jdbc);

    EscalationBurst.addFigures(section, kapCareResult, bareResult);
    Map<String, Long> deliveries = kapCare.record(jdbc).alertDeliveries(nodes);
    long deliveredTwice = deliveries.values().stream().mapToLong(Long::longValue).sum() - windows;
    BenchReport.add(section, "managers' alerts delivered twice (the nodes' log lines)", deliveredTwice, "");
    BenchReport.add(section, "KAP Care: deadline timers fired, by node",
        split(kapCare.jobsByNode(jdbc, kapCare.kind().timer)), "");
    BenchReport.add(section, "KAP Care: alert steps (escalations) run, by node",
        split(kapCare.jobsByNode(jdbc, WindowsRecord.ALERT_STEP)), "");
    BenchReport.add(section, "KAP Care: managers' alerts delivered, by node", split(deliveries), "");
    BenchReport.add(section, "bare engine: timers fired, by node", split(bare.jobsByNode(jdbc, bare.kind().timer)), "");
    BenchReport.add(section, "failed job attempts, retried by the engine: KAP Care / bare engine",
        kapCare.failedJobAttempts(jdbc) + " / " + bare.failedJobAttempts(jdbc), "");
    BenchReport.add(section, "nodes idle before the first deadline: KAP Care / bare engine",
        String.format("%.1f / %.1f", idle, bareIdle), "s");
    BenchReport.note(section, "Lag = when the escalation task was created (the node's clock) minus its window's "
        + "deadline. Drain = from the first deadline to the last escalation. The windows are set up by an engine in the "
        + "benchmark's JVM on the same database (no job executor, no outbox dispatcher) while the nodes run, with their "
        + "deadlines 12 h away; once the nodes have delivered every reminder that made due (KAP Care), the deadline "
        + "timers are moved (ManagementService.setJobDuedate) to fall a few seconds after the move, the nodes idle. Who "
        + "did what: ACT_HI_JOB_LOG.HOSTNAME_, and the lines each node's dispatcher logs "
        + "(target/bench/escalation-node-*.log).");
    if (idle < 0 || bareIdle < 0) {
      BenchReport.note(section, BenchReport.FAILED + "the deadlines were still being moved when the first fell; "
          + "the figures include that work.");
    }
    if (deliveredTwice != 0) {
      BenchReport.note(section, BenchReport.FAILED + "every managers' alert must be delivered exactly once.");
    }
    return new Measured(kapCareResult, bareResult);
  }

  /**
   * Prepares and opens the windows with their deadlines hours away. Opening them is what makes the
   * nodes busy (KAP Care's reminders fall due as a discharge is recorded), and its pace depends on the
   * machine and the database (before V5's index every completion read all of ACT_RU_TASK, so opening
   * slowed as open tasks piled up). Placing the deadlines from a guess at that pace left the nodes
   * busy past them in one run and idle for 40 s in the next.
   */
  private static void setUp(Burst burst, ProcessEngine engine) {
    burst.prepare(engine);
    burst.open(engine, Instant.now().plus(PARKED).truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * Once the nodes are done with the set-up, moves the deadlines to fall from a little after the
   * move. Moving a timer is one small update and leaves the nodes nothing to do, so a first move of
   * them all, still hours away, times the second, which places them: twice as long, plus 3 s.
   * Answers how long the nodes then sat idle before the first deadline; below 0 the move was still
   * under way when the first deadlines fell.
   */
  private static double moveDeadlines(Burst burst, ProcessEngine engine) {
    long began = System.nanoTime();
    burst.reschedule(engine, Instant.now().plus(PARKED));
    Duration moving = Duration.ofNanos(System.nanoTime() - began);
    Instant first = Instant.now().plus(moving.multipliedBy(2)).plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
    return Burst.seconds(burst.reschedule(engine, first), first);
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
