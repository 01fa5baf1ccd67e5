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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The tasks of a process's steps against the clinic's targets ({@link InsightTargets}): two
 * aggregates over Camunda's task history, whose rows carry the due and follow-up dates the
 * activity history lacks. Which steps wait for an appointment and what each may take are bound
 * parameters, never SQL text. Times are epoch seconds, the one timestamp arithmetic H2 and
 * PostgreSQL share.
 */
@Component
class TaskTimesQuery {

  /**
   * Each task of the process started in the range with its times: start, end, due date and, for a
   * step that waits for one, its booked appointment (the follow-up date, else the due date).
   * {@code OFFSET 0 ROWS} keeps PostgreSQL from folding a derived table into the one above, which
   * would work out each of its columns again wherever that one names it (a third of the dosing
   * session's heatmap time at a million activity instances).
   */
  private static final String TASKS = """
      SELECT t.TASK_DEF_KEY_ AS step,
             CAST(EXTRACT(EPOCH FROM t.START_TIME_) AS DOUBLE PRECISION) AS s,
             CAST(EXTRACT(EPOCH FROM t.END_TIME_) AS DOUBLE PRECISION) AS e,
             CAST(EXTRACT(EPOCH FROM t.DUE_DATE_) AS DOUBLE PRECISION) AS due,
             CASE WHEN %s THEN CAST(EXTRACT(EPOCH FROM COALESCE(t.FOLLOW_UP_DATE_, t.DUE_DATE_))
                  AS DOUBLE PRECISION) END AS a%s
        FROM ACT_HI_TASKINST t
       WHERE t.PROC_DEF_KEY_ = ? AND t.START_TIME_ >= ? AND t.START_TIME_ < ?%s
      OFFSET 0 ROWS
      """;

  /**
   * Per step, the tasks judged against the target and those over it: when each would be over
   * target (its due date, or the start of its wait for staff plus the time allowed), compared with
   * its end or, while it is open, now. Sums only, so the database groups without sorting.
   */
  private static final String JUDGED = """
      SELECT y.step,
             SUM(CASE WHEN y.over_at IS NOT NULL AND (y.e IS NOT NULL OR y.now_s > y.over_at) THEN 1 ELSE 0 END),
             SUM(CASE WHEN y.over_at IS NOT NULL AND COALESCE(y.e, y.now_s) > y.over_at THEN 1 ELSE 0 END)
        FROM (SELECT x.step, x.e, CAST(? AS DOUBLE PRECISION) AS now_s,
                     CASE WHEN x.by_due = 1 THEN x.due
                          WHEN x.allowed IS NOT NULL THEN CASE WHEN x.a > x.s THEN x.a ELSE x.s END + x.allowed
                     END AS over_at
                FROM (%s) x
              OFFSET 0 ROWS) y
       GROUP BY y.step
      """;

  /**
   * For the steps that wait for an appointment only, the finished tasks' planned wait (start to
   * appointment, or to the end when done before it) and wait for staff (the rest). Other steps'
   * wait for staff is their whole time, which the activity figures already hold: the percentiles'
   * sorts stay on these steps' rows.
   */
  private static final String WAITS = """
      SELECT y.step, AVG(y.planned), PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY y.planned),
             AVG(y.staff), PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY y.staff)
        FROM (SELECT x.step,
                     CASE WHEN x.a <= x.s THEN 0 WHEN x.e < x.a THEN x.e - x.s ELSE x.a - x.s END AS planned,
                     CASE WHEN x.a <= x.s THEN x.e - x.s WHEN x.e > x.a THEN x.e - x.a ELSE 0 END AS staff
                FROM (%s) x
               WHERE x.e IS NOT NULL AND x.a IS NOT NULL
              OFFSET 0 ROWS) y
       GROUP BY y.step
      """;

  private final JdbcTemplate jdbc;
  private final InsightTargets targets;

  TaskTimesQuery(JdbcTemplate jdbc, InsightTargets targets) {
    this.jdbc = jdbc;
    this.targets = targets;
  }

  /**
   * The two statements for a model's steps, named exactly as the model does (the settings' ids
   * are in lower case), so that the database compares step ids as they are stored.
   */
  private record Statements(String judged, List<Object> judgedSteps, String waits, List<String> appointment) {}

  private Statements statements(Collection<String> modelSteps) {
    List<String> steps = modelSteps.stream().sorted().toList();
    List<String> appointment = steps.stream().filter(targets::waitsForAppointment).toList();
    List<String> byDue = steps.stream().filter(targets::byDueDate).toList();
    List<String> allowed = steps.stream().filter(step -> targets.staffTime(step) != null).toList();
    String judged = JUDGED.formatted(TASKS.formatted(in(appointment), ", CASE WHEN " + in(byDue)
        + " THEN 1 ELSE 0 END AS by_due, " + allowedSeconds(allowed) + " AS allowed", ""));
    String waits = WAITS.formatted(TASKS.formatted(in(appointment), "", " AND " + in(appointment)));
    List<Object> judgedSteps = new ArrayList<>(appointment);
    judgedSteps.addAll(byDue);
    allowed.forEach(step -> {
      judgedSteps.add(step);
      judgedSteps.add((double) targets.staffTime(step).toSeconds());
    });
    return new Statements(judged, judgedSteps, waits, appointment);
  }

  private static String in(Collection<String> steps) {
    return steps.isEmpty() ? "1 = 0" : "t.TASK_DEF_KEY_ IN (" + String.join(", ", Collections.nCopies(steps.size(), "?")) + ")";
  }

  private static String allowedSeconds(Collection<String> allowed) {
    return allowed.isEmpty() ? "CAST(NULL AS DOUBLE PRECISION)"
        : "CASE t.TASK_DEF_KEY_ " + String.join(" ", Collections.nCopies(allowed.size(), "WHEN ? THEN CAST(? AS DOUBLE PRECISION)"))
            + " END";
  }

  /**
   * Per step id of {@code modelSteps}, its tasks started in the range against its target, as of
   * {@code now}. The waits are left empty for a step that waits for no appointment: its whole time
   * is its wait for staff ({@link TaskTimes#withStaffWait}).
   */
  Map<String, TaskTimes> of(String processDefinitionKey, InsightRange range, Instant now, Collection<String> modelSteps) {
    Statements statements = statements(modelSteps);
    List<Object> process = List.of(processDefinitionKey, Timestamp.from(range.start()), Timestamp.from(range.end()));
    List<Object> judgedParameters = new ArrayList<>();
    judgedParameters.add(now.getEpochSecond());
    judgedParameters.addAll(statements.judgedSteps());
    judgedParameters.addAll(process);
    Map<String, TaskTimes> times = new HashMap<>();
    jdbc.query(statements.judged(), row -> {
      times.put(row.getString(1), judged(row.getString(1), row.getLong(2), row.getLong(3)));
    }, judgedParameters.toArray());
    List<Object> waitParameters = new ArrayList<>(statements.appointment());
    waitParameters.addAll(process);
    waitParameters.addAll(statements.appointment());
    jdbc.query(statements.waits(), row -> {
      TaskTimes judged = times.get(row.getString(1));
      if (judged != null) {
        times.put(row.getString(1), judged.withWaits(seconds(row, 2), seconds(row, 3), seconds(row, 4), seconds(row, 5)));
      }
    }, waitParameters.toArray());
    return times;
  }

  private TaskTimes judged(String step, long judged, long over) {
    Double share = Kpis.share(over, judged);
    Duration allowed = targets.staffTime(step);
    String target = targets.byDueDate(step) ? "by its due date" : allowed == null ? null : "within " + words(allowed)
        + (targets.waitsForAppointment(step) ? " of the appointment" : "");
    String verdict = target == null || share == null ? TaskTimes.NO_TARGET
        : share <= targets.toleratedShareOverTarget() ? TaskTimes.ON_TARGET
        : share <= 2 * targets.toleratedShareOverTarget() ? TaskTimes.NEAR : TaskTimes.OVER;
    return new TaskTimes(target, allowed == null ? null : allowed.toMillis(), judged, over, share, verdict,
        null, null, null, null);
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
