package org.kapcare.integrationwindow;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kapcare.ClusterNode;

/**
 * What the database holds of a burst of integration windows whose journeys share a business-key
 * prefix ({@code <prefix>-…}): whether each window escalated, alerted the managers and reminded the
 * staff exactly once, and which node ran which job. One copy for IntegrationWindowClusterIT, which
 * asserts on it, and the escalation benchmarks, which fail their run on it.
 */
public final class WindowsRecord {

  /** One query's rows, column by column: plain JDBC in the cluster test, a JdbcTemplate in the benchmarks. */
  @FunctionalInterface
  public interface Query {
    List<List<Object>> rows(String sql, Object... args) throws SQLException;
  }

  public static final String ESCALATION = "reviewMissedIntegration";
  public static final String DEADLINE_TIMER = "integrationDeadlinePassed";
  public static final String ALERT_STEP = "alertMissedIntegration";
  public static final String ALERT = "integration-window-missed";
  public static final String REMINDER = "integration-reminder";

  private static final String PER_JOURNEY_TASKS = """
      SELECT p.BUSINESS_KEY_, COUNT(t.ID_) FROM ACT_HI_PROCINST p
        LEFT JOIN ACT_HI_TASKINST t ON t.PROC_INST_ID_ = p.ID_ AND t.TASK_DEF_KEY_ = ?
       WHERE p.PROC_DEF_KEY_ = 'care-journey' AND p.BUSINESS_KEY_ LIKE ? GROUP BY p.BUSINESS_KEY_""";
  private static final String PER_JOURNEY_NOTIFICATIONS = """
      SELECT p.BUSINESS_KEY_, COUNT(n.id) FROM ACT_HI_PROCINST p
        LEFT JOIN kapcare_notification n ON n.patient_id = p.BUSINESS_KEY_ AND n.template = ?
       WHERE p.PROC_DEF_KEY_ = 'care-journey' AND p.BUSINESS_KEY_ LIKE ? GROUP BY p.BUSINESS_KEY_""";

  private final Query query;
  private final String prefix;

  public WindowsRecord(Query query, String prefix) {
    this.query = query;
    this.prefix = prefix;
  }

  public String like() {
    return prefix + "-%";
  }

  /**
   * Each journey that did not escalate once, alert the managers once and remind the coordinators and
   * the therapist once each, with what it did instead; empty when all did. A journey that never
   * escalated counts, as its row is there with zero.
   */
  public List<String> notExactlyOnce() throws SQLException {
    List<String> broken = new ArrayList<>();
    perJourney(PER_JOURNEY_TASKS, ESCALATION).forEach((journey, n) -> {
      if (n != 1) {
        broken.add(journey + ": " + n + " escalations");
      }
    });
    perJourney(PER_JOURNEY_NOTIFICATIONS, ALERT).forEach((journey, n) -> {
      if (n != 1) {
        broken.add(journey + ": " + n + " managers' alerts");
      }
    });
    perJourney(PER_JOURNEY_NOTIFICATIONS, REMINDER).forEach((journey, n) -> {
      if (n != 2) {
        broken.add(journey + ": " + n + " reminders (one to the coordinators and one to the therapist expected)");
      }
    });
    return broken;
  }

  /** How many journeys the prefix holds. */
  public int journeys() throws SQLException {
    return perJourney(PER_JOURNEY_TASKS, ESCALATION).size();
  }

  /** Successful jobs of one activity for these windows after a moment, by the node that ran them. */
  public Map<String, Long> jobsByNode(String activityId, Instant after) throws SQLException {
    Map<String, Long> byNode = new TreeMap<>();
    for (List<Object> row : query.rows("""
        SELECT j.HOSTNAME_, COUNT(*) FROM ACT_HI_JOB_LOG j JOIN ACT_HI_PROCINST p ON p.ID_ = j.PROCESS_INSTANCE_ID_
         WHERE j.JOB_STATE_ = 2 AND j.ACT_ID_ = ? AND p.BUSINESS_KEY_ LIKE ? AND j.TIMESTAMP_ > ? GROUP BY j.HOSTNAME_""",
        activityId, like(), Timestamp.from(after))) {
      byNode.put(String.valueOf(row.get(0)), ((Number) row.get(1)).longValue());
    }
    return byNode;
  }

  /** Job attempts that failed and were retried by the engine, by node, step and message. */
  public List<List<Object>> failedJobAttempts() throws SQLException {
    return query.rows("""
        SELECT j.HOSTNAME_, j.ACT_ID_, j.JOB_EXCEPTION_MSG_, COUNT(*) FROM ACT_HI_JOB_LOG j
          JOIN ACT_HI_PROCINST p ON p.ID_ = j.PROCESS_INSTANCE_ID_
         WHERE j.JOB_STATE_ = 1 AND p.BUSINESS_KEY_ LIKE ? GROUP BY j.HOSTNAME_, j.ACT_ID_, j.JOB_EXCEPTION_MSG_""", like());
  }

  /**
   * How many of these windows' managers' alerts each node's dispatcher delivered in its current run,
   * from its log: one line a delivery. The outbox row alone cannot tell: a row delivered twice is one row.
   */
  public Map<String, Long> alertDeliveries(List<ClusterNode> nodes) throws IOException {
    Map<String, Long> byNode = new LinkedHashMap<>();
    for (ClusterNode node : nodes) {
      byNode.put(node.name(), node.countLogLines(ALERT + " for patient " + prefix + "-"));
    }
    return byNode;
  }

  private Map<String, Long> perJourney(String sql, String what) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    for (List<Object> row : query.rows(sql, what, like())) {
      counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
    }
    return counts;
  }
}
