package org.kapcare.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSetMetaData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.kapcare.KapCareApplication;
import org.kapcare.insight.ActivityHeatmap;
import org.kapcare.insight.ClinicKpis;
import org.kapcare.insight.ClinicianLoad;
import org.kapcare.insight.MissedWindows;
import org.kapcare.insight.InsightRange;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 5's insight queries at scale: the demo clinic's history, copied under new ids until
 * Camunda's history holds about a million activity instances, then the heatmap and KPI endpoints
 * timed next to fetching the same activity instances through Camunda's history REST API. On H2
 * (file) and, where Debian's server binaries are installed, on a throwaway PostgreSQL.
 */
final class InsightQueries {

  /** The history tables the queries read; a column holding an instance id or business key gets the copy's mark. */
  private static final List<String> HISTORY = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST",
      "ACT_HI_VARINST", "ACT_HI_DETAIL");
  private static final int RUNS = 5;
  private static final int PAGE = 20_000;

  private final int activityInstances;
  private final int finishedJourneys;
  private final boolean postgresOnly;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param activityInstances how many the copies reach (at least)
   * @param finishedJourneys how many finished journeys the demo clinic writes before the copying;
   *     fewer make a quicker run whose history has the same shape
   */
  InsightQueries(int activityInstances, int finishedJourneys, boolean postgresOnly) {
    this.activityInstances = activityInstances;
    this.finishedJourneys = finishedJourneys;
    this.postgresOnly = postgresOnly;
  }

  void run(BenchReport report) throws Exception {
    Path folder = Path.of("target", "bench").toAbsolutePath();
    Files.createDirectories(folder);
    for (String file : List.of("insight.mv.db", "insight.trace.db")) {
      Files.deleteIfExists(folder.resolve(file));
    }
    if (!postgresOnly) {
      measure(report, "H2 (file)", List.of(
          "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("insight") + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256"));
    }

    try (ThrowawayPostgres postgres = ThrowawayPostgres.start(folder.resolve("insight-postgres"), 55433)) {
      if (postgres == null) {
        BenchReport.note(report.section("Insight queries on PostgreSQL"), ThrowawayPostgres.SKIPPED);
        return;
      }
      measure(report, "PostgreSQL", postgres.datasource());
    }
  }

  private void measure(BenchReport report, String database, List<String> datasource) throws Exception {
    List<String> args = new ArrayList<>(datasource);
    args.addAll(List.of("--spring.profiles.active=demo", "--server.port=0",
        "--kapcare.demo.finished-journeys=" + finishedJourneys, "--camunda.bpm.job-execution.enabled=false",
        "--kapcare.notify.dispatcher-enabled=false", "--logging.file.name=target/bench/insight.log",
        "--logging.threshold.console=WARN",
        // The baseline pages the history REST API 20,000 rows at a time, its fastest; clinics cap queries at 2,000.
        "--camunda.bpm.generic-properties.properties.query-max-results-limit=" + PAGE));
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(KapCareApplication.class)
        .run(args.toArray(String[]::new))) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
      awaitFinishedJourneys(jdbc, finishedJourneys);
      long demo = count(jdbc, "ACT_HI_ACTINST");
      // Doubling: each round copies every row once, so the work stays proportional to the final size.
      int rounds = (int) Math.max(0, Math.ceil(Math.log((double) activityInstances / demo) / Math.log(2)));
      long copying = System.nanoTime();
      for (int round = 1; round <= rounds; round++) {
        for (String table : HISTORY) {
          jdbc.update(copySql(jdbc, table, round));
        }
      }
      // As autovacuum would soon after a bulk load: planner statistics for the tables just grown and, on
      // PostgreSQL, the visibility map, without which the covering indexes (V3) cannot answer alone.
      jdbc.execute(database.equals("PostgreSQL") ? "VACUUM ANALYZE" : "ANALYZE");
      BenchReport.Section section = report.section("Insight queries on " + database + ": "
          + String.format("%,d", count(jdbc, "ACT_HI_ACTINST")) + " historic activity instances");
      BenchReport.note(section, String.format("The demo clinic's %,d activity instances (%d finished journeys, those "
          + "under way beside them and 40 placed in the queues) doubled %d times under new ids in %.0f s; queries over the default range, the last six months.",
          demo, finishedJourneys, rounds, (System.nanoTime() - copying) / 1e9));
      for (String key : List.of("care-journey", "dosing-session")) {
        BenchReport.add(section, "heatmap " + key + ", p50 / max of " + RUNS,
            timings(base + "/api/insight/heatmap?processDefinitionKey=" + key), "ms");
      }
      BenchReport.add(section, "KPIs (every query, the period before too), p50 / max of " + RUNS,
          timings(base + "/api/insight/kpis"), "ms");
      kpiQueries(section, app);
      if (database.equals("PostgreSQL")) {
        // Where the heatmaps' time goes: each statement over 50 ms with its plan, actual rows and times.
        ActivityHeatmap heatmap = app.getBean(ActivityHeatmap.class);
        InsightRange lastSixMonths = InsightRange.of(null, null, ZoneOffset.UTC, Instant.now());
        PostgresStatements.explained(jdbc, 50, () -> List.of("care-journey", "dosing-session").stream()
            .map(key -> heatmap.of(key, lastSixMonths)).toList());
        BenchReport.note(section, "Plans of the heatmaps' statements over 50 ms (EXPLAIN ANALYZE by auto_explain): "
            + "target/bench/insight-postgres/server.log.");
      }
      String after = URLEncoder.encode(LocalDate.now(ZoneOffset.UTC).minusMonths(6) + "T00:00:00.000+0000",
          StandardCharsets.UTF_8);
      for (String key : List.of("care-journey", "dosing-session")) {
        // Camunda's history REST filters activity instances by definition id, not key; there is one version here.
        String definition = get(base + "/engine-rest/process-definition/key/" + key).get("id").asText();
        long started = System.nanoTime();
        long rows = 0;
        for (int first = 0; ; first += PAGE) {
          int page = get(base + "/engine-rest/history/activity-instance?processDefinitionId=" + definition
              + "&startedAfter=" + after + "&firstResult=" + first + "&maxResults=" + PAGE).size();
          rows += page;
          if (page < PAGE) {
            break;
          }
        }
        BenchReport.add(section, String.format("baseline: the %,d %s activity instances from /engine-rest/history "
            + "(pages of %,d)", rows, key, PAGE), (System.nanoTime() - started) / 1_000_000, "ms");
      }
    }
  }

  /**
   * INSERT ... SELECT of every row with new ids: in round r the r-th character from an id's end
   * becomes "~". Camunda's ids end in the same UUID node on one machine, so the marks make them
   * unique while keeping their length (the ids fill their columns); business keys, being short,
   * get the mark appended.
   */
  private static String copySql(JdbcTemplate jdbc, String table, int round) {
    List<String> columns = jdbc.query("SELECT * FROM " + table + " WHERE 1 = 0", rs -> {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnName(i).toUpperCase());
      }
      return names;
    });
    String values = columns.stream()
        .map(column -> column.equals("BUSINESS_KEY_") ? column + " || '~'"
            : isInstanceId(column) ? "LEFT(" + column + ", LENGTH(" + column + ") - " + round + ") || '~' || RIGHT("
                + column + ", " + (round - 1) + ")"
            : column)
        .collect(Collectors.joining(", "));
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + values + " FROM " + table;
  }

  private static boolean isInstanceId(String column) {
    return List.of("ID_", "TASK_ID_", "PARENT_TASK_ID_", "EXECUTION_ID_").contains(column)
        || column.endsWith("_INST_ID_") || column.endsWith("PROCESS_INSTANCE_ID_");
  }

  /** Each KPI's query on its own (the target is per query), through the beans the endpoints call. */
  private static void kpiQueries(BenchReport.Section section, ConfigurableApplicationContext app) {
    ClinicKpis kpis = app.getBean(ClinicKpis.class);
    MissedWindows missed = app.getBean(MissedWindows.class);
    ActivityHeatmap heatmap = app.getBean(ActivityHeatmap.class);
    ClinicianLoad clinicians = app.getBean(ClinicianLoad.class);
    Map<String, Consumer<InsightRange>> queries = new LinkedHashMap<>();
    queries.put("integration sessions in their window, per week", kpis::integrationWindows);
    queries.put("missed windows, first page of 25", range -> missed.page(range, MissedWindows.Filter.NONE, 1));
    queries.put("missed windows, page 4 of those not held", range -> missed.page(range,
        new MissedWindows.Filter(null, MissedWindows.Filter.NOT_HELD, null), 4));
    queries.put("every missed window, as exported", range -> missed.all(range, MissedWindows.Filter.NONE));
    queries.put("first doses: median days from referral, overall and per month", kpis::referralToFirstDose);
    queries.put("running journeys per stage", range -> kpis.stages());
    queries.put("response and remission at follow-up, per cohort", kpis::followUp);
    queries.put("load per therapist and prescriber", range -> clinicians.of(range, Instant.now()));
    queries.put("headline figures of the period before (trend)", range -> kpis.headline(range.previous()));
    queries.put("heatmap with targets, whole (care journey)", range -> heatmap.of("care-journey", range));
    queries.put("heatmap with targets, whole (dosing session)", range -> heatmap.of("dosing-session", range));
    queries.forEach((name, query) -> {
      LocalDate from = LocalDate.now(ZoneOffset.UTC).minusMonths(6);
      query.accept(InsightRange.of(from.toString(), null, ZoneOffset.UTC, Instant.now()));
      long[] millis = new long[RUNS];
      for (int i = 0; i < RUNS; i++) {
        long started = System.nanoTime();
        query.accept(InsightRange.of(from.minusDays(i + 1).toString(), null, ZoneOffset.UTC, Instant.now()));
        millis[i] = (System.nanoTime() - started) / 1_000_000;
      }
      Arrays.sort(millis);
      BenchReport.add(section, "KPI query: " + name + ", p50 / max of " + RUNS, millis[RUNS / 2] + " / " + millis[RUNS - 1],
          "ms");
    });
  }

  /**
   * The demo clinic writes its six months (finished journeys and those still under way) on a
   * thread of its own while the app runs, in this JVM.
   */
  private static void awaitFinishedJourneys(JdbcTemplate jdbc, int journeys) throws InterruptedException {
    String finished = "SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'care-journey' AND END_TIME_ IS NOT NULL";
    while (jdbc.queryForObject(finished, Long.class) < journeys || Thread.getAllStackTraces().keySet().stream()
        .anyMatch(thread -> thread.getName().startsWith("demo-clinic-history"))) {
      Thread.sleep(1000);
    }
  }

  private static long count(JdbcTemplate jdbc, String table) {
    return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
  }

  /**
   * One warm-up call, then the median and the slowest of the timed calls. Each call asks for a
   * range starting a day earlier: H2 hands back the last result of an identical query while no
   * table changed, which a live clinic's history never allows.
   */
  private String timings(String url) throws Exception {
    LocalDate from = LocalDate.now(ZoneOffset.UTC).minusMonths(6);
    String separator = url.contains("?") ? "&" : "?";
    get(url + separator + "from=" + from);
    long[] millis = new long[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long started = System.nanoTime();
      get(url + separator + "from=" + from.minusDays(i + 1));
      millis[i] = (System.nanoTime() - started) / 1_000_000;
    }
    Arrays.sort(millis);
    return millis[RUNS / 2] + " / " + millis[RUNS - 1];
  }

  private JsonNode get(String url) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("manager:demo".getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
    }
    return json.readTree(response.body());
  }
}
