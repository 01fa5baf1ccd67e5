package org.kapcare.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.kapcare.forms.InvalidInputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The integration windows missed in a range, newest first, a page at a time or all of them for an
 * export, narrowed to a therapist, a patient or whether the session was held late. The filters are
 * bound parameters; only which of them apply changes the SQL.
 */
@Component
public class MissedWindows {

  public static final int PAGE_SIZE = 25;
  /** Beyond this a manager narrows the list rather than pages on; it keeps OFFSET cheap. */
  static final int MAX_PAGE = 400;

  /**
   * One row per missed window: the patient, the therapist who took the integration session (by
   * name as the directory holds them, else their user id), and whether the journey still runs.
   */
  private static final String ROWS = "SELECT (SELECT MAX(v.TEXT_) FROM ACT_HI_VARINST v "
      + "WHERE v.PROC_INST_ID_ = w.dose_id AND v.NAME_ = 'patientId') AS patient_id, "
      + "(SELECT MAX(t.ASSIGNEE_) FROM ACT_HI_TASKINST t "
      + "WHERE t.PROC_INST_ID_ = w.dose_id AND t.TASK_DEF_KEY_ = 'integrationSession') AS therapist_id, "
      + "w.deadline, w.held_at, w.dose_id, p.ROOT_PROC_INST_ID_ AS journey_id, "
      + "CASE WHEN j.END_TIME_ IS NULL THEN 1 ELSE 0 END AS running "
      + "FROM (" + ClinicKpis.WINDOWS + ") w JOIN ACT_HI_PROCINST p ON p.ID_ = w.dose_id "
      + "JOIN ACT_HI_PROCINST j ON j.ID_ = p.ROOT_PROC_INST_ID_ "
      + "WHERE " + ClinicKpis.NOT_IN_WINDOW;

  /** The name is looked up for the rows shown only, by the directory's primary key. */
  private static final String SELECT = "SELECT m.patient_id, COALESCE((SELECT MAX(NULLIF(TRIM(CONCAT(CONCAT(u.FIRST_, ' '), "
      + "u.LAST_)), '')) FROM ACT_ID_USER u WHERE u.ID_ = m.therapist_id), m.therapist_id), m.deadline, m.held_at, "
      + "m.dose_id, m.journey_id, m.running FROM (" + ROWS + ") m";

  private static final RowMapper<Kpis.MissedWindow> MISSED = (row, n) -> new Kpis.MissedWindow(row.getString(1),
      row.getString(2), Sql.instant(row, 3), Sql.instant(row, 4), row.getString(5), row.getString(6), row.getInt(7) == 1);

  private final JdbcTemplate jdbc;

  public MissedWindows(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Which missed windows a manager asked for; each part is optional.
   *
   * @param therapist a therapist's user id, or {@link #NOBODY} for windows nobody has taken the session of
   * @param status {@link #NOT_HELD} or {@link #HELD_LATE}
   * @param patient a patient id, exactly
   */
  public record Filter(String therapist, String status, String patient) {

    public static final String NOBODY = "nobody";
    public static final String NOT_HELD = "not-held";
    public static final String HELD_LATE = "held-late";
    public static final Filter NONE = new Filter(null, null, null);

    /** Camunda's user ids (its whitelist) and the referral form's patient ids. */
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern PATIENT_ID = Pattern.compile("[A-Za-z0-9-]{3,40}");

    /** The filter from a request's parameters; blank ones are left out, malformed ones refused in words. */
    public static Filter of(String therapist, String status, String patient) {
      therapist = blankToNull(therapist);
      status = blankToNull(status);
      patient = blankToNull(patient);
      if (therapist != null && !USER_ID.matcher(therapist).matches()) {
        throw new InvalidInputException("therapist", "must be a therapist of the clinic or " + NOBODY);
      }
      if (status != null && !status.equals(NOT_HELD) && !status.equals(HELD_LATE)) {
        throw new InvalidInputException("status", "must be " + NOT_HELD + " or " + HELD_LATE);
      }
      if (patient != null && !PATIENT_ID.matcher(patient).matches()) {
        throw new InvalidInputException("patient", "must be a patient ID: 3–40 letters, digits or dashes");
      }
      return new Filter(therapist, status, patient);
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.trim();
    }

    public boolean narrows() {
      return therapist != null || status != null || patient != null;
    }
  }

  /** Page {@code page} (from 1) of the missed windows, newest first, and how many there are in all. */
  public Kpis.MissedPage page(InsightRange range, Filter filter, int page) {
    if (page < 1 || page > MAX_PAGE) {
      throw new InvalidInputException("page", "must be a page from 1 to " + MAX_PAGE + ", was " + page);
    }
    List<Object> parameters = parameters(range, filter);
    long total = jdbc.queryForObject("SELECT COUNT(*) FROM (" + ROWS + ") m" + where(filter), Long.class,
        parameters.toArray());
    parameters.add((page - 1) * PAGE_SIZE);
    parameters.add(PAGE_SIZE);
    List<Kpis.MissedWindow> rows = jdbc.query(SELECT + where(filter) + " ORDER BY m.deadline DESC, m.dose_id "
        + "OFFSET ? ROWS FETCH FIRST ? ROWS ONLY", MISSED, parameters.toArray());
    return new Kpis.MissedPage(page, PAGE_SIZE, total, rows);
  }

  /** Every missed window the filter lets through, newest first: what an export holds. */
  public List<Kpis.MissedWindow> all(InsightRange range, Filter filter) {
    return jdbc.query(SELECT + where(filter) + " ORDER BY m.deadline DESC, m.dose_id", MISSED,
        parameters(range, filter).toArray());
  }

  private static String where(Filter filter) {
    List<String> conditions = new ArrayList<>();
    if (filter.therapist() != null) {
      conditions.add(filter.therapist().equals(Filter.NOBODY) ? "m.therapist_id IS NULL" : "m.therapist_id = ?");
    }
    if (filter.status() != null) {
      conditions.add(filter.status().equals(Filter.HELD_LATE) ? "m.held_at IS NOT NULL" : "m.held_at IS NULL");
    }
    if (filter.patient() != null) {
      conditions.add("m.patient_id = ?");
    }
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private static List<Object> parameters(InsightRange range, Filter filter) {
    List<Object> parameters = new ArrayList<>(List.of(range.start().toEpochMilli(), range.end().toEpochMilli()));
    if (filter.therapist() != null && !filter.therapist().equals(Filter.NOBODY)) {
      parameters.add(filter.therapist());
    }
    if (filter.patient() != null) {
      parameters.add(filter.patient());
    }
    return parameters;
  }
}
