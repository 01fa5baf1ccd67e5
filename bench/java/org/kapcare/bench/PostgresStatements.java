package org.kapcare.bench;

import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where a throwaway cluster's time went ({@code .ci/postgres.sh} loads both extensions, idle until
 * asked): the statements that took the most of it since a reset (pg_stat_statements), and the plans
 * of slow statements, with their actual rows and times, written to the cluster's server.log
 * (auto_explain).
 */
final class PostgresStatements {

  private PostgresStatements() {}

  /** From now on, pg_stat_statements counts afresh. */
  static void reset(JdbcTemplate jdbc) {
    jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    jdbc.queryForList("SELECT pg_stat_statements_reset()");
  }

  /** The {@code limit} statements that took the most time since the reset: calls, mean and total ms, the SQL's start. */
  static List<String> top(JdbcTemplate jdbc, int limit) {
    return jdbc.query("""
        SELECT calls, mean_exec_time, total_exec_time, rows, regexp_replace(query, '\\s+', ' ', 'g')
          FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
         ORDER BY total_exec_time DESC LIMIT ?""",
        (row, i) -> String.format("%,d calls, mean %.2f ms, total %.0f ms, %,d rows: %s", row.getLong(1), row.getDouble(2),
            row.getDouble(3), row.getLong(4), abbreviated(row.getString(5))), limit);
  }

  /** Runs {@code work} with every statement over {@code minMillis} explained (ANALYZE) into server.log. */
  static <T> T explained(JdbcTemplate jdbc, int minMillis, Callable<T> work) throws Exception {
    jdbc.execute("ALTER SYSTEM SET auto_explain.log_min_duration = " + minMillis);
    jdbc.execute("ALTER SYSTEM SET auto_explain.log_analyze = on");
    jdbc.execute("ALTER SYSTEM SET auto_explain.log_buffers = on");
    jdbc.queryForList("SELECT pg_reload_conf()");
    try {
      return work.call();
    } finally {
      jdbc.execute("ALTER SYSTEM RESET auto_explain.log_min_duration");
      jdbc.execute("ALTER SYSTEM RESET auto_explain.log_analyze");
      jdbc.execute("ALTER SYSTEM RESET auto_explain.log_buffers");
      jdbc.queryForList("SELECT pg_reload_conf()");
    }
  }

  private static String abbreviated(String sql) {
    return sql.length() <= 400 ? sql : sql.substring(0, 400) + " …";
  }
}
