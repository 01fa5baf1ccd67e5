package org.kapcare.insight;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kapcare.clinic.EngineClock;
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
  /**
   * One row per dose whose integration deadline is in the range, with what the dose recorded
   * (IntegrationWindowOpener, the deadline timer, IntegrationSessionRecorder). Dates and booleans
   * are kept in LONG_ (epoch milliseconds, 1/0). One pass over the four variables, which a covering
   * index holds on PostgreSQL (db/vendor/postgresql/V3); the patient is looked up only for the
   * missed windows listed.
   */
  static final String WINDOWS = """
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
  static final String NOT_IN_WINDOW = "(w.missed = 1 OR w.held_late = 1)";

  private static final String WINDOW_BUCKETS = "SELECT w.deadline / " + BUCKET_MS + ", "
      + "SUM(CASE WHEN w.held_late = 0 THEN 1 ELSE 0 END), "
      + "SUM(CASE WHEN " + NOT_IN_WINDOW + " THEN 1 ELSE 0 END), "
      + "SUM(CASE WHEN " + NOT_IN_WINDOW + " AND w.held_at IS NOT NULL THEN 1 ELSE 0 END) "
      + "FROM (" + WINDOWS + ") w GROUP BY w.deadline / " + BUCKET_MS;

  /**
   * Referral = the journey's start; first dose = the first completed (not cancelled: state 2)
   * administerDose in any dose the journey called. Epoch seconds are the one timestamp difference
   * both databases compute alike.
   */
  private static final String FIRST_DOSES = """
      SELECT MIN(a.END_TIME_),
             CAST(EXTRACT(EPOCH FROM MIN(a.END_TIME_)) - EXTRACT(EPOCH FROM MIN(j.START_TIME_)) AS DOUBLE PRECISION) / 86400
        FROM ACT_HI_ACTINST a
        JOIN ACT_HI_PROCINST j ON j.ID_ = a.ROOT_PROC_INST_ID_
       WHERE a.PROC_DEF_KEY_ = 'dosing-session' AND a.ACT_ID_ = 'administerDose'
         AND a.END_TIME_ IS NOT NULL AND COALESCE(a.ACT_INST_STATE_, 0) <> 2
         AND j.PROC_DEF_KEY_ = 'care-journey'
       GROUP BY a.ROOT_PROC_INST_ID_
      HAVING MIN(a.END_TIME_) >= ? AND MIN(a.END_TIME_) < ?
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
   * the values written then are read from the full history's variable updates, not the latest value;
   * with the journey's start, its cohort. A few rows per follow-up, folded into months in Java.
   */
  private static final String FOLLOW_UPS = """
      SELECT j.START_TIME_, d.NAME_, d.LONG_
        FROM ACT_HI_DETAIL d
        JOIN ACT_HI_PROCINST j ON j.ID_ = d.PROC_INST_ID_
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
  private final ClinicianLoad clinicians;
  private final InsightTargets targets;

  public ClinicKpis(JdbcTemplate jdbc, ClinicianLoad clinicians, InsightTargets targets) {
    this.jdbc = jdbc;
    this.clinicians = clinicians;
    this.targets = targets;
  }

  /** Every figure of the range, and the headline figures of the period of as many days just before it. */
  public Kpis.Report report(InsightRange range) {
    Kpis.IntegrationWindows windows = integrationWindows(range);
    List<FirstDose> firstDoses = firstDoses(range);
    List<FollowUp> followUps = followUps(range);
    Kpis.CheckIns checkIns = checkIns(range);
    return new Kpis.Report(range.from(), range.to(), LocalDate.ofInstant(EngineClock.now(), range.zone()),
        range.zone().getId(), targets.integrationInWindow(), windows,
        FirstDose.waitOf(firstDoses), FirstDose.byMonth(firstDoses, range), stages(), FollowUp.outcomesOf(followUps),
        FollowUp.byCohort(followUps, range.zone()), checkIns, phq9ByDose(range), clinicians.of(range, EngineClock.now()),
        headline(range, windows, firstDoses, followUps, checkIns), headline(range.previous()));
  }

  /** The figures a manager compares between two periods. */
  public Kpis.Headline headline(InsightRange range) {
    return headline(range, integrationWindows(range), firstDoses(range), followUps(range), checkIns(range));
  }

  private static Kpis.Headline headline(InsightRange range, Kpis.IntegrationWindows windows, List<FirstDose> firstDoses,
      List<FollowUp> followUps, Kpis.CheckIns checkIns) {
    Kpis.FirstDoseWait wait = FirstDose.waitOf(firstDoses);
    Kpis.FollowUpOutcomes outcomes = FollowUp.outcomesOf(followUps);
    return new Kpis.Headline(range.from(), range.to(), windows.heldInWindow() + windows.missed(),
        windows.shareHeldInWindow(), windows.missed(), wait.journeys(), wait.medianDays(), outcomes.assessed(),
        outcomes.responseRate(), outcomes.remissionRate(), checkIns.answered() + checkIns.unanswered(),
        checkIns.shareAnswered());
  }

  public Kpis.IntegrationWindows integrationWindows(InsightRange range) {
    List<WindowBucket> buckets = jdbc.query(WINDOW_BUCKETS, (row, n) -> new WindowBucket(
        Instant.ofEpochMilli(row.getLong(1) * BUCKET_MS), row.getLong(2), row.getLong(3), row.getLong(4)), epochRange(range));
    return byWeek(buckets, range);
  }

  public Kpis.FirstDoseWait referralToFirstDose(InsightRange range) {
    return FirstDose.waitOf(firstDoses(range));
  }

  List<FirstDose> firstDoses(InsightRange range) {
    return jdbc.query(FIRST_DOSES, (row, n) -> new FirstDose(row.getTimestamp(1).toInstant(), row.getDouble(2)),
        timestampRange(range));
  }

  public List<Kpis.JourneyStage> stages() {
    return jdbc.query(STAGES, (row, n) -> new Kpis.JourneyStage(row.getString(1), row.getString(2), row.getLong(3)));
  }

  public Kpis.FollowUpOutcomes followUp(InsightRange range) {
    return FollowUp.outcomesOf(followUps(range));
  }

  List<FollowUp> followUps(InsightRange range) {
    return jdbc.query(FOLLOW_UPS, (row, n) -> new FollowUp(row.getTimestamp(1).toInstant(), row.getString(2),
        row.getLong(3) == 1), timestampRange(range));
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
}
