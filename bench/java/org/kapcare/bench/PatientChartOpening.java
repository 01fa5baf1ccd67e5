package org.kapcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.kapcare.clinic.ClinicGroup;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 19's Patient tab: N running care journeys on PostgreSQL with their whole history
 * ({@link RunningJourneys}, the chart reads the history), and a nurse opening the Patient tab of a
 * task in the nurses' queue as Tasklist's plugin does: {@code GET /api/tasks/{id}}, then
 * {@code GET /api/patients/{patientId}}. Baseline, the same task in the same turn: the calls Tasklist
 * itself makes to open it ({@code GET /engine-rest/task/{id}}, its form's variables, its identity
 * links), which every opening costs with or without the tab.
 */
final class PatientChartOpening {

  private final int journeys;
  private final int opens;
  private final HttpClient http = HttpClient.newHttpClient();

  PatientChartOpening(int journeys, int opens) {
    this.journeys = journeys;
    this.opens = opens;
  }

  void run(BenchReport report) throws Exception {
    Path folder = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(folder);
    Files.deleteIfExists(folder.resolve("chart.log"));
    try (ThrowawayPostgres postgres = ThrowawayPostgres.start(folder.resolve("chart-postgres"), 0)) {
      if (postgres == null) {
        BenchReport.note(report.section("Patient chart on PostgreSQL"), ThrowawayPostgres.SKIPPED);
        return;
      }
      String loadBefore = BenchReport.loadAverage();
      RunningJourneys.Filled filled = RunningJourneys.create(postgres.datasource(), journeys, true);
      try (ConfigurableApplicationContext app = postgres.app("chart.log")) {
        ProcessEngine engine = app.getBean(ProcessEngine.class);
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        EngineRest port = new EngineRest(http, "http://localhost:" + app.getEnvironment().getProperty("local.server.port"));
        String nurse = EngineRest.user(engine, "chart-nurse", ClinicGroup.NURSES.id());
        BenchReport.Section section = report.section(String.format("Patient chart on PostgreSQL: %,d running journeys "
            + "with their history, a nurse opening the Patient tab of a task in the nurses' queue", filled.instances()));
        BenchReport.add(section, "running journeys: demo clinic's templates written / copied with history / VACUUM ANALYZE",
            filled.templateSeconds() + " / " + filled.copySeconds() + " / " + filled.vacuumSeconds(), "s");
        BenchReport.add(section, "rows the copies wrote", String.format("%,d", filled.rows()), "rows");

        int warmUp = Math.max(1, opens / 10);
        List<String> tasks = jdbc.queryForList("""
            SELECT t.ID_ FROM ACT_RU_TASK t JOIN ACT_RU_IDENTITYLINK i ON i.TASK_ID_ = t.ID_
             WHERE i.TYPE_ = 'candidate' AND i.GROUP_ID_ = ? AND t.ID_ ~ ? ORDER BY random() LIMIT ?""",
            String.class, ClinicGroup.NURSES.id(), RunningJourneys.COPY_ID, opens + warmUp);
        check(section, port, nurse, tasks.get(0));
        long[] chart = new long[opens];
        long[] tasklist = new long[opens];
        for (int open = -warmUp; open < opens; open++) {
          String task = tasks.get((open + warmUp) % tasks.size());
          // Taking turns, each first every other time, so that neither always finds the other's rows cached.
          boolean chartFirst = open % 2 == 0;
          long first = chartFirst ? openChart(port, nurse, task) : openTask(port, nurse, task);
          long second = chartFirst ? openTask(port, nurse, task) : openChart(port, nurse, task);
          if (open >= 0) {
            chart[open] = chartFirst ? first : second;
            tasklist[open] = chartFirst ? second : first;
          }
        }
        Arrays.sort(chart);
        Arrays.sort(tasklist);
        BenchReport.add(section, "Patient tab (task, then chart): p50 / p95 / max", BenchReport.spread(chart), "ms");
        BenchReport.add(section, "Tasklist opening the same task (task, form variables, identity links): p50 / p95 / max",
            BenchReport.spread(tasklist), "ms");
        BenchReport.add(section, "Patient tab / Tasklist's own calls: p50, p95", String.format("%.2f, %.2f",
            BenchReport.percentile(chart, 50) / (double) BenchReport.percentile(tasklist, 50),
            BenchReport.percentile(chart, 95) / (double) BenchReport.percentile(tasklist, 95)), "x");
        BenchReport.note(section, String.format("%d openings of %d different copied tasks of the nurses' queue after %d "
            + "to warm up, the two kinds taking turns on the same task, each first every other time; HTTP Basic as a "
            + "nurse, authorization on, the app's guards and access log on (each chart writes its row); the postgres "
            + "profile's settings; the app's job executor and outbox dispatcher run. Load average (1, 5, 15 min) "
            + "before the fill / after the timings: %s / %s.", opens, tasks.size(), warmUp, loadBefore,
            BenchReport.loadAverage()));
      }
    }
  }

  /** The chart of a copied journey is whole: its patient, and the doses and scores its template had. */
  private void check(BenchReport.Section section, EngineRest port, String nurse, String task) {
    JsonNode card = port.json(nurse, "GET", "/api/tasks/" + task, EngineRest.JSON, null);
    JsonNode chart = port.json(nurse, "GET", "/api/patients/" + card.path("patientId").asText(), EngineRest.JSON, null);
    BenchReport.add(section, "a copied task's chart: patient / stage / open steps / doses / score measures",
        String.format("%s / %s / %d / %d / %d", chart.path("patient").path("id").asText(),
            chart.path("patient").path("stage").asText(), chart.path("openTasks").size(), chart.path("doses").size(),
            chart.path("scores").findValues("measures").stream().mapToInt(JsonNode::size).sum()), "");
    if (!card.path("patientId").asText().equals(chart.path("patient").path("id").asText())
        || chart.path("openTasks").isEmpty()) {
      BenchReport.note(section, BenchReport.FAILED + "the chart of a copied journey is not that journey's.");
    }
  }

  private long openChart(EngineRest port, String nurse, String task) {
    long started = System.nanoTime();
    JsonNode card = port.json(nurse, "GET", "/api/tasks/" + task, EngineRest.JSON, null);
    port.json(nurse, "GET", "/api/patients/" + card.path("patientId").asText(), EngineRest.JSON, null);
    return System.nanoTime() - started;
  }

  private long openTask(EngineRest port, String nurse, String task) {
    long started = System.nanoTime();
    port.json(nurse, "GET", "/engine-rest/task/" + task, "application/hal+json", null);
    port.json(nurse, "GET", "/engine-rest/task/" + task + "/form-variables", EngineRest.JSON, null);
    port.json(nurse, "GET", "/engine-rest/task/" + task + "/identity-links", EngineRest.JSON, null);
    return System.nanoTime() - started;
  }
}
