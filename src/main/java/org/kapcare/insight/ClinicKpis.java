package org.kapcare.insight;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The clinic's key figures, each one aggregate query over Camunda's history (and no loop over
 * instances in Java), portable between H2 and PostgreSQL. Columns are read by position, as H2 and
 * PostgreSQL spell labels in different cases.
 */
@Component
public class ClinicKpis {

  /**
   * Week bucketing needs the clinic's time zone, which SQL cannot apply portably: the database
   * counts per quarter hour (every time zone's offset is a whole number of quarter hours) and
   * Java folds those few rows into weeks.
   */
  static final long BUCKET_MS = 15 * 60 * 1000;
  /** The missed windows Cockpit lists, newest first; an export has every one of the range. */
  public static final int MISSED_LIST_LIMIT = 200;
  public static final int EVERY_MISSED_WINDOW = Integer.MAX_VALUE;

  /**
   * One row per dose whose integration deadline is in the range, with what the dose recorded
   * (IntegrationWindowOpener, the deadline timer, IntegrationSessionRecorder). Dates and booleans
   * are kept in LONG_ (epoch milliseconds, 1/0). One pass over the four variables, which a covering
   * index holds on PostgreSQL (db/vendor/postgresql/V3); the patient is looked up only for the
   * missed windows listed.
   */
  private static final String WINDOWS = """
      SELECT v.PROC_INST_ID_ AS dose_id,
             MAX(CASE WHEN v.NAME_ = 'integrationDeadline' THEN v.LONG_ END) AS deadline,
             MAX(CASE WHEN v.NAME_ = 'integrationWindowMissed' THEN v.LONG_ END) AS missed,
             MAX(CASE WHEN v.NAME_ = 'integrationHeldLate' THEN v.LONG_ END) AS held_late,
             MAX(CASE WHEN v.NAME_ = 'integrationHeldAt' THEN v.LONG_ END) AS held_at
        FROM ACT_HI_VARINST v
       WHERE v.PROC_DEF_KEY_ = 'dosing-session'
         AND v.NAME_ IN ('integrationDeadline', 'integrationWindowMissed', 'integrationHeldLate', 'integrationHeldAt')
       GROUP BY v.PROC_INST_ID_
      HAVING MAX(CASE WHEN v.NAME_ = 'integrationDeadline' THEN v.LONG_ END) >= ?
         AND MAX(CASE WHEN v.NAME_ = 'integrationDeadline' THEN v.LONG_ END) < ?
      """;

  /** Not held in the window: the deadline timer fired, or the session was recorded late before it could. */
  private static final String NOT_IN_WINDOW = "(w.missed = 1 OR w.held_late = 1)";

  private static final String WINDOW_BUCKETS = "SELECT w.deadline / " + BUCKET_MS + ", "
      + "SUM(CASE WHEN w.held_late = 0 THEN 1 ELSE 0 END), "
      + "SUM(CASE WHEN " + NOT_IN_WINDOW + " THEN 1 ELSE 0 END), "
      + "SUM(CASE WHEN " + NOT_IN_WINDOW + " AND w.held_at IS NOT NULL THEN 1 ELSE 0 END) "
      + "FROM (" + WINDOWS + ") w GROUP BY w.deadline / " + BUCKET_MS;

  private static final String MISSED = "SELECT (SELECT MAX(v.TEXT_) FROM ACT_HI_VARINST v "
      + "WHERE v.PROC_INST_ID_ = w.dose_id AND v.NAME_ = 'patientId'), "
      // The therapist by name as the directory holds it; their user id when it holds none.
      + "(SELECT MAX(COALESCE(NULLIF(TRIM(CONCAT(CONCAT(u.FIRST_, ' '), u.LAST_)), ''), t.ASSIGNEE_)) "
      + "FROM ACT_HI_TASKINST t LEFT JOIN ACT_ID_USER u ON u.ID_ = t.ASSIGNEE_ "
      + "WHERE t.PROC_INST_ID_ = w.dose_id AND t.TASK_DEF_KEY_ = 'integrationSession'), "
      + "w.deadline, w.held_at, w.dose_id, p.ROOT_PROC_INST_ID_, CASE WHEN j.END_TIME_ IS NULL THEN 1 ELSE 0 END "
      + "FROM (" + WINDOWS + ") w JOIN ACT_HI_PROCINST p ON p.ID_ = w.dose_id "
      + "JOIN ACT_HI_PROCINST j ON j.ID_ = p.ROOT_PROC_INST_ID_ "
      + "WHERE " + NOT_IN_WINDOW + " ORDER BY w.deadline DESC, w.dose_id FETCH FIRST ? ROWS ONLY";

  /**
   * Referral = the journey's start; first dose = the first completed (not cancelled: state 2)
   * administerDose in any dose the journey called. Epoch seconds are the one timestamp difference
   * both databases compute alike.
   */
  private static final String FIRST_DOSE_WAIT = """
      SELECT COUNT(*), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY f.days)
        FROM (SELECT CAST(EXTRACT(EPOCH FROM MIN(a.END_TIME_)) - EXTRACT(EPOCH FROM MIN(j.START_TIME_))
                          AS DOUBLE PRECISION) / 86400 AS days
                FROM ACT_HI_ACTINST a
                JOIN ACT_HI_PROCINST j ON j.ID_ = a.ROOT_PROC_INST_ID_
               WHERE a.PROC_DEF_KEY_ = 'dosing-session' AND a.ACT_ID_ = 'administerDose'
                 AND a.END_TIME_ IS NOT NULL AND COALESCE(a.ACT_INST_STATE_, 0) <> 2
                 AND j.PROC_DEF_KEY_ = 'care-journey'
               GROUP BY a.ROOT_PROC_INST_ID_
              HAVING MIN(a.END_TIME_) >= ? AND MIN(a.END_TIME_) < ?) f
      """;

  /** Open user tasks and call activities of running journeys, by the history the engine keeps current. */
  private static final String STAGES = """
      SELECT a.ACT_ID_, MAX(a.ACT_NAME_), COUNT(DISTINCT a.PROC_INST_ID_)
        FROM ACT_HI_ACTINST a
       WHERE a.END_TIME_ IS NULL AND a.ACT_TYPE_ IN ('userTask', 'callActivity')
         AND a.PROC_DEF_ID_ IN (SELECT p.ID_ FROM ACT_RE_PROCDEF p WHERE p.KEY_ = 'care-journey')
       GROUP BY a.ACT_ID_
       ORDER BY 3 DESC, 2
      """;

  /**
   * Each follow-up scored in the range counts once (a maintenance patient is assessed again), so
   * the values written then are read from the full history's variable updates, not the latest value.
   */
  private static final String FOLLOW_UP = """
      SELECT COALESCE(SUM(CASE WHEN d.NAME_ = 'response' THEN 1 ELSE 0 END), 0),
             COALESCE(SUM(CASE WHEN d.NAME_ = 'response' AND d.LONG_ = 1 THEN 1 ELSE 0 END), 0),
             COALESCE(SUM(CASE WHEN d.NAME_ = 'remission' AND d.LONG_ = 1 THEN 1 ELSE 0 END), 0)
        FROM ACT_HI_DETAIL d
       WHERE d.TYPE_ = 'VariableUpdate' AND d.PROC_DEF_KEY_ = 'care-journey'
         AND d.NAME_ IN ('response', 'remission') AND d.TIME_ >= ? AND d.TIME_ < ?
      """;

  /** Each check-in closes at one of its two ends; one cancelled with its journey has neither and is not counted. */
  private static final String CHECK_INS = """
      SELECT COALESCE(SUM(CASE WHEN p.END_ACT_ID_ = 'checkInAnswered' THEN 1 ELSE 0 END), 0),
             COALESCE(SUM(CASE WHEN p.END_ACT_ID_ = 'checkInUnanswered' THEN 1 ELSE 0 END), 0)
        FROM ACT_HI_PROCINST p
       WHERE p.PROC_DEF_KEY_ = 'patient-check-in' AND p.END_TIME_ >= ? AND p.END_TIME_ < ?
      """;

  /** A check-in's PHQ-9 is created when its answers are scored, so its creation time is when the patient answered. */
  private static final String PHQ9_BY_DOSE = """
      SELECT d.LONG_, COUNT(*), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.LONG_)
        FROM ACT_HI_VARINST s
        JOIN ACT_HI_VARINST d ON d.PROC_INST_ID_ = s.PROC_INST_ID_ AND d.NAME_ = 'doseNumber'
        JOIN ACT_HI_VARINST u ON u.PROC_INST_ID_ = s.PROC_INST_ID_ AND u.NAME_ = 'purpose' AND u.TEXT_ = 'before-dose'
       WHERE s.PROC_DEF_KEY_ = 'patient-check-in' AND s.NAME_ = 'phq9Score'
         AND s.CREATE_TIME_ >= ? AND s.CREATE_TIME_ < ?
       GROUP BY d.LONG_
       ORDER BY d.LONG_
      """;

  private final JdbcTemplate jdbc;

  public ClinicKpis(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public Kpis.Report report(InsightRange range) {
    return report(range, MISSED_LIST_LIMIT);
  }

  /** The report with the newest {@code missedWindowsListed} missed windows. */
  public Kpis.Report report(InsightRange range, int missedWindowsListed) {
    return new Kpis.Report(range.from(), range.to(), range.zone().getId(), integrationWindows(range),
        missedWindows(range, missedWindowsListed), referralToFirstDose(range), stages(), followUp(range), checkIns(range),
        phq9ByDose(range));
  }

  public Kpis.IntegrationWindows integrationWindows(InsightRange range) {
    List<WindowBucket> buckets = jdbc.query(WINDOW_BUCKETS, (row, n) -> new WindowBucket(
        Instant.ofEpochMilli(row.getLong(1) * BUCKET_MS), row.getLong(2), row.getLong(3), row.getLong(4)), epochRange(range));
    return byWeek(buckets, range);
  }

  public List<Kpis.MissedWindow> missedWindows(InsightRange range, int newest) {
    return jdbc.query(MISSED, (row, n) -> new Kpis.MissedWindow(row.getString(1), row.getString(2), instant(row, 3),
        instant(row, 4), row.getString(5), row.getString(6), row.getInt(7) == 1),
        range.start().toEpochMilli(), range.end().toEpochMilli(), newest);
  }

  public Kpis.FirstDoseWait referralToFirstDose(InsightRange range) {
    return jdbc.queryForObject(FIRST_DOSE_WAIT, (row, n) -> new Kpis.FirstDoseWait(row.getLong(1), Sql.decimal(row, 2)),
        timestampRange(range));
  }

  public List<Kpis.JourneyStage> stages() {
    return jdbc.query(STAGES, (row, n) -> new Kpis.JourneyStage(row.getString(1), row.getString(2), row.getLong(3)));
  }

  public Kpis.FollowUpOutcomes followUp(InsightRange range) {
    return jdbc.queryForObject(FOLLOW_UP, (row, n) -> {
      long assessed = row.getLong(1);
      long responders = row.getLong(2);
      long remitters = row.getLong(3);
      return new Kpis.FollowUpOutcomes(assessed, responders, remitters, Kpis.share(responders, assessed),
          Kpis.share(remitters, assessed));
    }, timestampRange(range));
  }

  public Kpis.CheckIns checkIns(InsightRange range) {
    return jdbc.queryForObject(CHECK_INS, (row, n) -> new Kpis.CheckIns(row.getLong(1), row.getLong(2),
        Kpis.share(row.getLong(1), row.getLong(1) + row.getLong(2))), timestampRange(range));
  }

  public List<Kpis.DosePhq9> phq9ByDose(InsightRange range) {
    return jdbc.query(PHQ9_BY_DOSE, (row, n) -> new Kpis.DosePhq9(row.getInt(1), row.getLong(2), Sql.decimal(row, 3)),
        timestampRange(range));
  }

  /** Quarter-hour counts of decided windows, folded into every ISO week the range touches. */
  record WindowBucket(Instant start, long heldInWindow, long missed, long heldLate) {
  }

  static Kpis.IntegrationWindows byWeek(List<WindowBucket> buckets, InsightRange range) {
    Map<LocalDate, long[]> weeks = new TreeMap<>();
    LocalDate lastWeek = range.weekOf(range.end().minusMillis(1));
    for (LocalDate week = range.weekOf(range.start()); !week.isAfter(lastWeek); week = week.plusWeeks(1)) {
      weeks.put(week, new long[3]);
    }
    long[] total = new long[3];
    for (WindowBucket bucket : buckets) {
      long[] week = weeks.get(range.weekOf(bucket.start()));
      long[] counts = {bucket.heldInWindow(), bucket.missed(), bucket.heldLate()};
      for (int i = 0; i < counts.length; i++) {
        week[i] += counts[i];
        total[i] += counts[i];
      }
    }
    List<Kpis.IntegrationWeek> rows = new ArrayList<>();
    weeks.forEach((monday, counts) -> rows.add(new Kpis.IntegrationWeek(isoWeek(monday), monday, counts[0], counts[1],
        counts[2], Kpis.share(counts[0], counts[0] + counts[1]))));
    return new Kpis.IntegrationWindows(total[0], total[1], total[2], Kpis.share(total[0], total[0] + total[1]), rows);
  }

  /** E.g. 2026-W48. */
  static String isoWeek(LocalDate monday) {
    return String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  private static Object[] epochRange(InsightRange range) {
    return new Object[] {range.start().toEpochMilli(), range.end().toEpochMilli()};
  }

  private static Object[] timestampRange(InsightRange range) {
    return new Object[] {Timestamp.from(range.start()), Timestamp.from(range.end())};
  }

  private static Instant instant(ResultSet row, int column) throws SQLException {
    long epochMillis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(epochMillis);
  }
}
