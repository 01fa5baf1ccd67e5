package org.kapcare.insight;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The tasks of a process's steps against the clinic's targets ({@link InsightTargets}): one
 * aggregate over Camunda's task history, whose rows carry the due and follow-up dates the
 * activity history lacks. Which steps wait for an appointment and what each may take are bound
 * parameters, never SQL text; steps are matched in lower case, as the settings keep them. Times are epoch seconds, the one timestamp arithmetic H2 and
 * PostgreSQL share.
 */
@Component
class TaskTimesQuery {

  /**
   * Innermost, each task's times; then when its wait for staff began (its start, or its booked
   * appointment when later) and when it would be over target; then per step.
   */
  private static final String TIMES = """
      SELECT y.step, COUNT(y.e),
             AVG(y.planned), PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY y.planned),
             AVG(y.staff), PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY y.staff),
             SUM(CASE WHEN y.over_at IS NOT NULL AND (y.e IS NOT NULL OR y.now_s > y.over_at) THEN 1 ELSE 0 END),
             SUM(CASE WHEN y.over_at IS NOT NULL AND COALESCE(y.e, y.now_s) > y.over_at THEN 1 ELSE 0 END)
        FROM (SELECT x.step, x.e, x.now_s,
                     CASE WHEN x.e IS NULL OR x.a IS NULL THEN NULL WHEN x.a <= x.s THEN 0
                          WHEN x.e < x.a THEN x.e - x.s ELSE x.a - x.s END AS planned,
                     CASE WHEN x.e IS NULL THEN NULL WHEN x.a IS NULL OR x.a <= x.s THEN x.e - x.s
                          WHEN x.e > x.a THEN x.e - x.a ELSE 0 END AS staff,
                     CASE WHEN x.by_due = 1 THEN x.due
                          WHEN x.allowed IS NOT NULL THEN CASE WHEN x.a > x.s THEN x.a ELSE x.s END + x.allowed
                     END AS over_at
                FROM (SELECT t.TASK_DEF_KEY_ AS step,
                             CAST(EXTRACT(EPOCH FROM t.START_TIME_) AS DOUBLE PRECISION) AS s,
                             CAST(EXTRACT(EPOCH FROM t.END_TIME_) AS DOUBLE PRECISION) AS e,
                             CAST(EXTRACT(EPOCH FROM t.DUE_DATE_) AS DOUBLE PRECISION) AS due,
                             CASE WHEN %s THEN CAST(EXTRACT(EPOCH FROM COALESCE(t.FOLLOW_UP_DATE_, t.DUE_DATE_))
                                  AS DOUBLE PRECISION) END AS a,
                             CASE WHEN %s THEN 1 ELSE 0 END AS by_due,
                             %s AS allowed,
                             CAST(? AS DOUBLE PRECISION) AS now_s
                        FROM ACT_HI_TASKINST t
                       WHERE t.PROC_DEF_KEY_ = ? AND t.START_TIME_ >= ? AND t.START_TIME_ < ?) x) y
       GROUP BY y.step
      """;

  private final JdbcTemplate jdbc;
  private final InsightTargets targets;
  private final String sql;
  private final List<Object> stepParameters = new ArrayList<>();

  TaskTimesQuery(JdbcTemplate jdbc, InsightTargets targets) {
    this.jdbc = jdbc;
    this.targets = targets;
    Map<String, Duration> allowed = targets.steps().keySet().stream().filter(step -> targets.staffTime(step) != null)
        .sorted().collect(Collectors.toMap(step -> step, targets::staffTime, (a, b) -> a, TreeMap::new));
    List<String> byDue = targets.steps().keySet().stream().filter(targets::byDueDate).sorted().toList();
    sql = TIMES.formatted(in(targets.appointmentSteps()), in(byDue), allowedSeconds(allowed));
    stepParameters.addAll(targets.appointmentSteps());
    stepParameters.addAll(byDue);
    allowed.forEach((step, duration) -> {
      stepParameters.add(step);
      stepParameters.add((double) duration.toSeconds());
    });
  }

  private static String in(Collection<String> steps) {
    return steps.isEmpty() ? "1 = 0" : "LOWER(t.TASK_DEF_KEY_) IN (" + String.join(", ", Collections.nCopies(steps.size(), "?")) + ")";
  }

  private static String allowedSeconds(Map<String, Duration> allowed) {
    return allowed.isEmpty() ? "CAST(NULL AS DOUBLE PRECISION)"
        : "CASE LOWER(t.TASK_DEF_KEY_) " + String.join(" ", Collections.nCopies(allowed.size(), "WHEN ? THEN CAST(? AS DOUBLE PRECISION)"))
            + " END";
  }

  /** Per step id, its tasks started in the range against its target, as of {@code now}. */
  Map<String, TaskTimes> of(String processDefinitionKey, InsightRange range, Instant now) {
    List<Object> parameters = new ArrayList<>(stepParameters);
    parameters.addAll(List.of(now.getEpochSecond(), processDefinitionKey, Timestamp.from(range.start()),
        Timestamp.from(range.end())));
    Map<String, TaskTimes> times = new HashMap<>();
    jdbc.query(sql, row -> {
      times.put(row.getString(1), times(row.getString(1), row));
    }, parameters.toArray());
    return times;
  }

  private TaskTimes times(String step, ResultSet row) throws SQLException {
    long judged = row.getLong(7);
    long over = row.getLong(8);
    Double share = Kpis.share(over, judged);
    Duration allowed = targets.staffTime(step);
    String target = targets.byDueDate(step) ? "by its due date" : allowed == null ? null : "within " + words(allowed)
        + (targets.waitsForAppointment(step) ? " of the appointment" : "");
    String verdict = target == null || share == null ? TaskTimes.NO_TARGET
        : share <= targets.toleratedShareOverTarget() ? TaskTimes.ON_TARGET
        : share <= 2 * targets.toleratedShareOverTarget() ? TaskTimes.NEAR : TaskTimes.OVER;
    return new TaskTimes(target, allowed == null ? null : allowed.toMillis(), judged, over, share, verdict,
        seconds(row, 3), seconds(row, 4), seconds(row, 5), seconds(row, 6));
  }

  /** Seconds in the column as whole milliseconds. */
  private static Long seconds(ResultSet row, int column) throws SQLException {
    Double value = Sql.decimal(row, column);
    return value == null ? null : Math.round(value * 1000);
  }

  /** "4 h", "2 days", "90 min": how a clinic writes a target. */
  static String words(Duration duration) {
    if (duration.toMinutes() < 60 || duration.toMinutesPart() != 0) {
      return duration.toMinutes() + " min";
    }
    if (duration.toHours() < 24 || duration.toHoursPart() != 0) {
      return duration.toHours() + " h";
    }
    return duration.toDays() == 1 ? "1 day" : duration.toDays() + " days";
  }
}
