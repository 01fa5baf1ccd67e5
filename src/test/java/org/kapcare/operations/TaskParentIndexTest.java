package org.kapcare.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcare.ProcessTest;
import org.kapcare.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V5 on PostgreSQL: Camunda's look-up of a task's subtasks, which it runs whenever a task ends,
 * reads the index instead of all of ACT_RU_TASK, also as the prepared statement the driver reuses.
 * H2 gets no index (a placeholder migration), so this runs where CI gives the tests a PostgreSQL.
 */
@ProcessTest
class TaskParentIndexTest {

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void theSubtaskLookUpReadsTheIndex() {
    assumeFalse(System.getProperty(TestDatabase.POSTGRES_URL, "").isBlank(), "PostgreSQL only");
    List<String> plan = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
      try (Statement statement = connection.createStatement()) {
        // The test's table is small, so a scan would win on cost: forbid it to see whether the index can
        // answer. A generic plan is the one a reused prepared statement gets, the parameter unknown.
        statement.execute("SET enable_seqscan = off");
        statement.execute("SET plan_cache_mode = force_generic_plan");
        statement.execute("PREPARE subtasks(varchar) AS SELECT * FROM ACT_RU_TASK WHERE PARENT_TASK_ID_ = $1");
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("EXPLAIN EXECUTE subtasks('a-task')")) {
          while (rows.next()) {
            lines.add(rows.getString(1));
          }
        } finally {
          statement.execute("DEALLOCATE subtasks");
          statement.execute("RESET enable_seqscan");
          statement.execute("RESET plan_cache_mode");
        }
        return lines;
      }
    });
    assertThat(String.join("\n", plan)).contains("kapcare_task_parent").doesNotContain("Seq Scan");
  }
}
