package org.kapcare.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.IdentityService;
import org.kapcare.KapCareApplication;
import org.kapcare.clinic.Journeys;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Running care journeys at a clinic's scale in a KAP Care database on PostgreSQL, for benchmarks of
 * what a full runtime costs (the coordinators' queue, start-up time, memory):
 *
 * <pre>
 * // an empty database: the demo clinic's running journeys, then copies of them, without their history
 * RunningJourneys.create(postgres.datasource(), 100_000, false);
 * // a database that holds running instances of a process and no copies of them, with their history
 * RunningJourneys.fill(dataSource, "care-journey", 100_000, true);
 * </pre>
 *
 * <p>Driving 100,000 journeys through the engine would take hours (the demo clinic writes about 4 a
 * second), so the demo clinic's running journeys, written through the real processes and waiting at
 * the steps where journeys wait, are the templates, copied with INSERT ... SELECT table by table:
 * executions, tasks, variables, candidate links, the tasks' authorizations, timers, event
 * subscriptions, byte arrays and, if asked, every history row of the journey and its doses. The
 * history is three quarters of the rows and takes four times as long; the engine's runtime (its
 * queues, timers, start-up) reads none of it.
 *
 * <p>In a copy every id that names one of the journey's own rows is rewritten the same way wherever it
 * stands, so references stay whole: its last 6 characters (the UUID's node, the same for every id one
 * machine makes) become {@code q} and the copy's number, which keeps each id's length (activity
 * instance ids nearly fill their column). Ids of shared rows (definitions, deployments, job
 * definitions, groups) stay. The business key (the patient id), variable values equal to it and the
 * task names that end with it get {@code -} and the copy's number. Each copy's pending dates (its
 * tasks' due dates, its timers, and date variables still ahead) move 0 to 40 hours later, one amount
 * per copy, as if its dose had been given at another hour of the last two days; times already past
 * stay as the demo wrote them.
 */
final class RunningJourneys {

  /** What a fill left: running root instances of the key, rows written, and how long each part took. */
  record Filled(String processDefinitionKey, int templates, long instances, long rows, double templateSeconds,
      double copySeconds, double vacuumSeconds) {}

  /** A copy's id ends with this; the templates' never do (a UUID's node is hexadecimal). */
  static final String COPY_ID = "q[0-9]{5}$";
  /** Journeys copied per statement: progress to watch, and transactions of a bounded size. */
  private static final int CHUNK = 10_000;
  private static final int LATEST_SHIFT_MINUTES = 40 * 60;

  /**
   * Where a table's rows of the templates are found: by one of its columns in the instances or
   * tasks of the templates. In this order, so that a foreign key finds its row.
   */
  private record Source(String table, String column, String map, String also) {}

  private static final List<Source> SOURCES = List.of(
      new Source("ACT_GE_BYTEARRAY", "ROOT_PROC_INST_ID_", "copy_instance", ""),
      new Source("ACT_RU_EXECUTION", "PROC_INST_ID_", "copy_instance", ""),
      new Source("ACT_RU_TASK", "PROC_INST_ID_", "copy_instance", ""),
      new Source("ACT_RU_VARIABLE", "PROC_INST_ID_", "copy_instance", ""),
      new Source("ACT_RU_IDENTITYLINK", "TASK_ID_", "copy_task", ""),
      // The engine grants a task's candidate group the task when it creates it: a row per task.
      new Source("ACT_RU_AUTHORIZATION", "RESOURCE_ID_", "copy_task", "AND t.RESOURCE_TYPE_ = 7"),
      new Source("ACT_RU_JOB", "PROCESS_INSTANCE_ID_", "copy_instance", ""),
      new Source("ACT_RU_EVENT_SUBSCR", "PROC_INST_ID_", "copy_instance", ""),
      // Not copied: looked at only so that templates with such rows (REFUSED) are refused.
      new Source("ACT_RU_INCIDENT", "PROC_INST_ID_", "copy_instance", ""),
      new Source("ACT_RU_EXT_TASK", "PROC_INST_ID_", "copy_instance", ""),
      historyTable("ACT_HI_PROCINST"), historyTable("ACT_HI_ACTINST"), historyTable("ACT_HI_TASKINST"),
      historyTable("ACT_HI_VARINST"), historyTable("ACT_HI_DETAIL"), historyTable("ACT_HI_IDENTITYLINK"),
      historyTable("ACT_HI_JOB_LOG"), historyTable("ACT_HI_DECINST"), historyTable("ACT_HI_DEC_IN"),
      historyTable("ACT_HI_DEC_OUT"), historyTable("ACT_HI_OP_LOG"), historyTable("ACT_HI_INCIDENT"),
      historyTable("ACT_HI_COMMENT"), historyTable("ACT_HI_ATTACHMENT"), historyTable("ACT_HI_EXT_TASK_LOG"));
  private static final Set<String> REFUSED = Set.of("ACT_RU_INCIDENT", "ACT_RU_EXT_TASK");

  /** Columns that hold the id of one of the journey's own rows. */
  private static final Set<String> OWN_IDS = Set.of("ID_", "PROC_INST_ID_", "PROCESS_INSTANCE_ID_",
      "ROOT_PROC_INST_ID_", "EXECUTION_ID_", "PARENT_ID_", "SUPER_EXEC_", "SUPER_PROCESS_INSTANCE_ID_",
      "CALL_PROC_INST_ID_", "TASK_ID_", "PARENT_TASK_ID_", "BYTEARRAY_ID_", "ACT_INST_ID_", "PARENT_ACT_INST_ID_",
      "VAR_SCOPE_", "VAR_INST_ID_", "JOB_ID_", "JOB_EXCEPTION_STACK_ID_", "EXCEPTION_STACK_ID_", "DEC_INST_ID_",
      "ROOT_DEC_INST_ID_", "RESOURCE_ID_", "OPERATION_ID_");
  /** Id-like columns that name shared rows or are not ids of rows at all: copied as they are. */
  private static final Set<String> SHARED = Set.of("PROC_DEF_ID_", "PROCESS_DEF_ID_", "DEPLOYMENT_ID_", "JOB_DEF_ID_",
      "TENANT_ID_", "USER_ID_", "GROUP_ID_", "ACT_ID_", "DEC_DEF_ID_", "DEC_REQ_ID_", "START_ACT_ID_", "END_ACT_ID_",
      "FAILED_ACT_ID_", "CLAUSE_ID_", "RULE_ID_", "ACTIVITY_ID_", "START_USER_ID_", "ASSIGNER_ID_");
  private static final Set<String> DUE_DATES = Set.of("DUE_DATE_", "FOLLOW_UP_DATE_", "DUEDATE_", "JOB_DUEDATE_");
  private static final Set<String> TASK_NAMES = Set.of("ACT_RU_TASK", "ACT_HI_TASKINST");

  private RunningJourneys() {}

  private static Source historyTable(String table) {
    return new Source(table, "ROOT_PROC_INST_ID_", "copy_instance", "");
  }

  /**
   * Starts KAP Care once with the demo profile on the empty database {@code datasource} names
   * (Spring Boot arguments, e.g. {@link ThrowawayPostgres#datasource()}), so that it writes the demo
   * clinic's running journeys (40; no finished ones), copies them until {@code journeys} run, with
   * their history or not, then deletes the demo users (no other profile starts while one has the demo
   * password) and stops. The notifications the demo's journeys queued stay in the outbox, for the
   * next app's dispatcher.
   */
  static Filled create(List<String> datasource, int journeys, boolean history) throws SQLException {
    long started = System.nanoTime();
    List<String> args = new ArrayList<>(datasource);
    args.addAll(List.of("--spring.profiles.active=demo", "--kapcare.demo.finished-journeys=0",
        "--server.port=0", "--camunda.bpm.job-execution.enabled=false",
        "--kapcare.notify.dispatcher-enabled=false", "--logging.file.name=target/bench/running-journeys.log",
        "--logging.threshold.console=WARN"));
    try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(KapCareApplication.class)
        .run(args.toArray(String[]::new))) {
      double templateSeconds = seconds(started);
      Filled filled = fill(demo.getBean(DataSource.class), Journeys.CARE_JOURNEY, journeys, history);
      IdentityService identity = demo.getBean(IdentityService.class);
      identity.createUserQuery().list().forEach(user -> identity.deleteUser(user.getId()));
      return new Filled(filled.processDefinitionKey(), filled.templates(), filled.instances(), filled.rows(),
          templateSeconds, filled.copySeconds(), filled.vacuumSeconds());
    }
  }

  /**
   * Copies the running root instances of {@code processDefinitionKey} (with the instances they
   * called) in a database that holds no copies yet, until {@code instances} run, with their history
   * or not.
   */
  static Filled fill(DataSource dataSource, String processDefinitionKey, int instances, boolean history)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      // One connection: the maps below are temporary tables, which only their own session sees.
      JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
      try {
        return copy(jdbc, processDefinitionKey, instances, history);
      } finally {
        jdbc.execute("DISCARD TEMP");
      }
    }
  }

  private static Filled copy(JdbcTemplate jdbc, String key, int instances, boolean history) {
    int templates = templates(jdbc, key, instances);
    int copies = instances - templates;
    int rounds = (copies + templates - 1) / templates;
    if (rounds > 99_999) {
      throw new IllegalStateException("At most 99,999 copies of each template fit the ids' 5 digits");
    }
    // Copy n of template t exists if (n - 1) * templates + t < copies; its shift is fixed by its ids.
    jdbc.execute("CREATE TEMP TABLE copy_of (root_id VARCHAR(64), business_key VARCHAR(255), n INT, code VARCHAR(6), "
        + "shift_minutes INT)");
    jdbc.update("""
        INSERT INTO copy_of SELECT r.root_id, r.business_key, n, 'q' || TO_CHAR(n, 'FM00000'),
               ABS(HASHTEXT(r.root_id || '/' || n)) % ?
          FROM copy_root r CROSS JOIN GENERATE_SERIES(1, ?) n WHERE (n - 1) * ? + r.template < ?""",
        LATEST_SHIFT_MINUTES, rounds, templates, copies);
    jdbc.execute("CREATE INDEX ON copy_of (n)");
    // Each template's instances, its doses included, found by their super executions: a running
    // execution's ROOT_PROC_INST_ID_ may be empty.
    jdbc.execute("""
        CREATE TEMP TABLE copy_instance AS WITH RECURSIVE i (id, root_id) AS (
          SELECT root_id, root_id FROM copy_root
          UNION SELECT e.ID_, i.root_id FROM i JOIN ACT_RU_EXECUTION s ON s.PROC_INST_ID_ = i.id
            JOIN ACT_RU_EXECUTION e ON e.SUPER_EXEC_ = s.ID_)
        SELECT * FROM i""");
    jdbc.execute("""
        CREATE TEMP TABLE copy_task AS SELECT t.ID_ AS id, i.root_id
          FROM ACT_RU_TASK t JOIN copy_instance i ON i.id = t.PROC_INST_ID_""");
    Tally tally = new Tally(System.nanoTime());
    for (Source source : SOURCES) {
      if (history || !source.table().startsWith("ACT_HI_")) {
        copy(jdbc, source, history, rounds, templates, tally);
        System.out.printf("  copying %s instances: %s done, %,d rows (%.0f s)%n", key, source.table(), tally.rows,
            seconds(tally.started));
      }
    }
    long running = jdbc.queryForObject(RUNNING_ROOTS, Long.class, key);
    if (running != instances) {
      throw new IllegalStateException(running + " running " + key + " instances after the copy, " + instances
          + " wanted");
    }
    double copySeconds = Math.round((seconds(tally.started) - tally.vacuumSeconds) * 10) / 10.0;
    return new Filled(key, templates, running, tally.rows, 0, copySeconds, tally.vacuumSeconds);
  }

  private static final String RUNNING_ROOTS = "SELECT COUNT(*) FROM ACT_RU_EXECUTION WHERE ID_ = PROC_INST_ID_ "
      + "AND SUPER_EXEC_ IS NULL AND PROC_DEF_KEY_ = ?";

  /** The running root instances of {@code key}, numbered, in copy_root: the templates. */
  private static int templates(JdbcTemplate jdbc, String key, int wanted) {
    // Created first and filled with INSERT: PostgreSQL takes no parameters in CREATE TABLE ... AS.
    jdbc.execute("CREATE TEMP TABLE copy_root (root_id VARCHAR(64), business_key VARCHAR(255), template INT)");
    jdbc.update("INSERT INTO copy_root SELECT ID_, BUSINESS_KEY_, ROW_NUMBER() OVER (ORDER BY ID_) - 1 "
        + RUNNING_ROOTS.substring(RUNNING_ROOTS.indexOf("FROM")), key);
    int templates = jdbc.queryForObject("SELECT COUNT(*) FROM copy_root", Integer.class);
    if (templates == 0) {
      throw new IllegalStateException("No running " + key + " instances to copy");
    }
    if (templates > wanted) {
      throw new IllegalStateException(templates + " running " + key + " instances already, " + wanted + " wanted");
    }
    if (jdbc.queryForObject("SELECT COUNT(*) FROM copy_root WHERE root_id ~ '" + COPY_ID + "'", Integer.class) > 0) {
      throw new IllegalStateException("The database holds copies of " + key + " already");
    }
    return templates;
  }

  /** Rows written and time spent so far. */
  private static final class Tally {
    final long started;
    long rows;
    double vacuumSeconds;

    Tally(long started) {
      this.started = started;
    }
  }

  /** One table's rows of the copies, in chunks of copies. */
  private static void copy(JdbcTemplate jdbc, Source source, boolean history, int rounds, int templates, Tally tally) {
    String table = source.table();
    // The templates' rows, read once: the table itself grows with every chunk.
    // Without the history, its byte arrays (TYPE_ 3, Camunda's ResourceTypes.HISTORY) stay behind too.
    String also = source.also() + (!history && table.equals("ACT_GE_BYTEARRAY") ? " AND t.TYPE_ <> 3" : "");
    jdbc.execute("CREATE TEMP TABLE copy_" + table + " AS SELECT t.*, m.root_id AS copy_root_ FROM " + table + " t JOIN "
        + source.map() + " m ON m.id = t." + source.column() + " " + also);
    long adding = jdbc.queryForObject("SELECT COUNT(*) FROM copy_" + table + " s JOIN copy_of c ON c.root_id = "
        + "s.copy_root_", Long.class);
    if (REFUSED.contains(table) && adding > 0) {
      throw new IllegalStateException("The templates have rows in " + table + ", which RunningJourneys does not copy");
    }
    if (adding == 0) {
      return;
    }
    List<String> columns = columns(jdbc, table);
    unknownIds(jdbc, table, columns);
    String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
        + columns.stream().map(column -> value(table, column, columns)).collect(Collectors.joining(", "))
        + " FROM copy_" + table + " s JOIN copy_of c ON c.root_id = s.copy_root_ WHERE c.n BETWEEN ? AND ?";
    // A table that more than doubles: building its indexes, and checking its foreign keys, once afterwards
    // is far quicker than row by row. They go while the rows come, and come back as they were (PostgreSQL's
    // own definitions of them) whatever happens; the keys then check every row at once.
    boolean bulk = adding > jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE oid = ?::regclass", Double.class,
        table.toLowerCase());
    List<String> indexes = bulk ? secondaryIndexes(jdbc, table) : List.of();
    List<Map<String, Object>> foreignKeys = bulk ? jdbc.queryForList("SELECT conname AS \"name\", "
        + "pg_get_constraintdef(oid) AS \"definition\" FROM pg_constraint WHERE contype = 'f' AND conrelid = ?::regclass",
        table.toLowerCase()) : List.of();
    foreignKeys.forEach(key -> jdbc.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + key.get("name")));
    indexes.forEach(index -> jdbc.execute("DROP INDEX " + index.substring(index.indexOf(" INDEX ") + 7,
        index.indexOf(" ON "))));
    try {
      int perChunk = Math.max(1, CHUNK / templates);
      for (int first = 1; first <= rounds; first += perChunk) {
        tally.rows += jdbc.update(insert, first, Math.min(rounds, first + perChunk - 1));
      }
    } finally {
      jdbc.execute("SET maintenance_work_mem = '256MB'");
      indexes.forEach(jdbc::execute);
      foreignKeys.forEach(key -> jdbc.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + key.get("name") + " "
          + key.get("definition")));
    }
    // As autovacuum would soon after: statistics for the planner, and on the runtime tables, which the
    // queues read, the visibility map that lets an index answer alone.
    long vacuum = System.nanoTime();
    jdbc.execute((table.startsWith("ACT_RU_") ? "VACUUM ANALYZE " : "ANALYZE ") + table);
    tally.vacuumSeconds = Math.round((tally.vacuumSeconds + seconds(vacuum)) * 10) / 10.0;
  }

  /** What a column of a copied row holds; {@code s} is the template's row, {@code c} the copy. */
  private static String value(String table, String column, List<String> columns) {
    String template = "s." + column;
    if (OWN_IDS.contains(column)) {
      return "LEFT(" + template + ", LENGTH(" + template + ") - 6) || c.code";
    }
    if (column.equals("BUSINESS_KEY_")) {
      return template + " || '-' || c.n";
    }
    if (column.equals("TEXT_")) {
      return "CASE WHEN " + template + " = c.business_key THEN " + template + " || '-' || c.n ELSE " + template + " END";
    }
    if (column.equals("NAME_") && TASK_NAMES.contains(table)) {
      return "CASE WHEN RIGHT(" + template + ", LENGTH(c.business_key)) = c.business_key THEN " + template
          + " || '-' || c.n ELSE " + template + " END";
    }
    if (DUE_DATES.contains(column)) {
      return template + " + c.shift_minutes * INTERVAL '1 minute'";
    }
    if (column.equals("LONG_")) {
      // A date variable holds epoch milliseconds; only those still ahead are pending.
      String type = columns.contains("VAR_TYPE_") ? "s.VAR_TYPE_" : "s.TYPE_";
      return "CASE WHEN " + type + " = 'date' AND " + template + " > " + Instant.now().toEpochMilli() + " THEN "
          + template + " + c.shift_minutes * 60000 ELSE " + template + " END";
    }
    return template;
  }

  /** Refuses templates with ids this class does not know how to rewrite (a case, a batch, a new column). */
  private static void unknownIds(JdbcTemplate jdbc, String table, List<String> columns) {
    for (String column : columns) {
      boolean idLike = column.endsWith("ID_") || column.endsWith("EXEC_") || column.equals("CONFIGURATION_");
      if (idLike && !OWN_IDS.contains(column) && !SHARED.contains(column)
          && jdbc.queryForObject("SELECT COUNT(" + column + ") FROM copy_" + table, Long.class) > 0) {
        throw new IllegalStateException("The templates have values in " + table + "." + column
            + ", which RunningJourneys does not know how to copy");
      }
    }
  }

  /** A table's indexes that no constraint (primary key) stands on, as CREATE INDEX statements. */
  private static List<String> secondaryIndexes(JdbcTemplate jdbc, String table) {
    return jdbc.queryForList("""
        SELECT indexdef FROM pg_indexes i WHERE schemaname = current_schema() AND tablename = LOWER(?)
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)""", String.class, table);
  }

  private static List<String> columns(JdbcTemplate jdbc, String table) {
    return jdbc.queryForList("SELECT UPPER(column_name) FROM information_schema.columns WHERE table_schema = "
        + "current_schema() AND table_name = LOWER(?) ORDER BY ordinal_position", String.class, table);
  }

  private static double seconds(long startedNanos) {
    return Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0;
  }
}
