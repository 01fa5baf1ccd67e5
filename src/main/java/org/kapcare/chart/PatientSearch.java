package org.kapcare.chart;

import java.util.List;
import org.kapcare.clinic.Journeys;
import org.kapcare.forms.InvalidInputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds patients by a part of their id or name, case-insensitive, newest journey first. SQL over
 * the engine's history tables (docs/decisions/0002): the engine's variable queries match a name
 * only from its start and one journey at a time.
 */
@Component
class PatientSearch {

  static final int MOST = 20;
  private static final int SHORTEST = 2;
  private static final int LONGEST = 100;

  /** One patient found: enough to tell two apart and open the chart. */
  record Found(String id, String name, boolean inCare, String referredAt) {}

  private final JdbcTemplate jdbc;

  PatientSearch(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Found> find(String text, boolean endedToo) {
    String query = text == null ? "" : text.strip();
    if (query.length() < SHORTEST || query.length() > LONGEST) {
      throw new InvalidInputException("q", "Type " + SHORTEST + " to " + LONGEST + " letters of the patient's name or id");
    }
    String like = "%" + query.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    return jdbc.query("""
        SELECT p.BUSINESS_KEY_, v.TEXT_, p.START_TIME_, p.END_TIME_ FROM ACT_HI_PROCINST p
          LEFT JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = p.ID_ AND v.EXECUTION_ID_ = p.ID_ AND v.NAME_ = 'patientName'
         WHERE p.PROC_DEF_KEY_ = ? AND (? OR p.END_TIME_ IS NULL)
           AND (LOWER(p.BUSINESS_KEY_) LIKE ? ESCAPE '\\' OR LOWER(v.TEXT_) LIKE ? ESCAPE '\\')
         ORDER BY p.START_TIME_ DESC FETCH FIRST %d ROWS ONLY""".formatted(MOST),
        (row, i) -> new Found(row.getString(1), row.getString(2), row.getTimestamp(4) == null,
            row.getTimestamp(3).toInstant().toString()),
        Journeys.CARE_JOURNEY, endedToo, like, like);
  }
}
