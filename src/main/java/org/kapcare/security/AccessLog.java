package org.kapcare.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kapcare.clinic.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The access log (HIPAA §164.312(b)): each time a person reads or changes a patient's data, who,
 * when, which patient, what and from where. Written by the {@link EngineApiGuard} for the engine's
 * API and {@code /api}; listed by patient and by user for managers and administrators.
 */
@Component
public class AccessLog {

  /** One access. {@code patientId} is null for a read across patients. */
  public record Entry(Instant at, String userId, String patientId, String action, String what, String source) {}

  static final String READ = "read";
  static final String CHANGE = "change";
  private static final int WHAT_LENGTH = 255;
  private static final int ID_LENGTH = 64;
  private static final Logger LOG = LoggerFactory.getLogger(AccessLog.class);

  private final JdbcTemplate jdbc;

  public AccessLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Writes one row, each value cut to its column (a patient id comes from the caller's request). Runs
   * after the answer was sent, so a row that cannot be written is logged as an error, not thrown.
   */
  void record(String userId, String patientId, String action, String what, String source) {
    try {
      jdbc.update("INSERT INTO kapcare_access_log (at, user_id, patient_id, action, what, source) VALUES (?, ?, ?, ?, ?, ?)",
          Timestamp.from(EngineClock.now()), cut(userId, ID_LENGTH), cut(patientId, ID_LENGTH), action,
          cut(what, WHAT_LENGTH), cut(source, ID_LENGTH));
    } catch (DataAccessException e) {
      LOG.error("Access log: a row was not written ({} {} by {})", action, cut(patientId, ID_LENGTH), cut(userId, ID_LENGTH), e);
    }
  }

  private static String cut(String text, int length) {
    return text == null || text.length() <= length ? text : text.substring(0, length);
  }

  /** Newest first; either filter may be null. */
  public List<Entry> list(String patientId, String userId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT at, user_id, patient_id, action, what, source FROM kapcare_access_log WHERE 1 = 1");
    List<Object> arguments = new ArrayList<>();
    if (patientId != null) {
      sql.append(" AND patient_id = ?");
      arguments.add(patientId);
    }
    if (userId != null) {
      sql.append(" AND user_id = ?");
      arguments.add(userId);
    }
    sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
    arguments.add(limit);
    return jdbc.query(sql.toString(), (row, i) -> new Entry(row.getTimestamp("at").toInstant(), row.getString("user_id"),
        row.getString("patient_id"), row.getString("action"), row.getString("what"), row.getString("source")),
        arguments.toArray());
  }
}
