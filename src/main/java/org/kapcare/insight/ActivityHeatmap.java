package org.kapcare.insight;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The heatmap behind the Cockpit diagram: one aggregate over Camunda's activity history, so that
 * the database, not the browser, walks the (possibly millions of) activity instances.
 */
@Component
public class ActivityHeatmap {

  /**
   * Every version of the process counts, as the diagram's activity ids stay stable across versions.
   * A multi-instance body has no shape of its own (its inner activity has), so it is left out.
   * Column labels are read by position: H2 answers them in upper case, PostgreSQL in lower.
   */
  private static final String HEAT = """
      SELECT a.ACT_ID_, MAX(a.ACT_NAME_), MAX(a.ACT_TYPE_), COUNT(*), COUNT(a.END_TIME_),
             AVG(a.DURATION_), PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY a.DURATION_)
        FROM ACT_HI_ACTINST a
       WHERE a.PROC_DEF_KEY_ = ? AND a.START_TIME_ >= ? AND a.START_TIME_ < ?
         AND a.ACT_TYPE_ <> 'multiInstanceBody'
       GROUP BY a.ACT_ID_
       ORDER BY a.ACT_ID_
      """;

  private final JdbcTemplate jdbc;

  public ActivityHeatmap(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Whether any version of a process with this key is deployed. */
  public boolean isDeployed(String processDefinitionKey) {
    Integer versions = jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RE_PROCDEF WHERE KEY_ = ?", Integer.class,
        processDefinitionKey);
    return versions != null && versions > 0;
  }

  public List<ActivityHeat> of(String processDefinitionKey, InsightRange range) {
    return jdbc.query(HEAT, ActivityHeatmap::heat, processDefinitionKey, Timestamp.from(range.start()),
        Timestamp.from(range.end()));
  }

  private static ActivityHeat heat(ResultSet row, int rowNumber) throws SQLException {
    return new ActivityHeat(row.getString(1), row.getString(2), row.getString(3), row.getLong(4), row.getLong(5),
        Sql.millis(row, 6), Sql.millis(row, 7));
  }
}
