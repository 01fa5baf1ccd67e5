package org.kapcare.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The notification outbox table. Rows are added inside the engine's transaction (the JDBC template
 * joins the transaction the engine runs in) and delivered later, outside it.
 */
@Repository
public class Outbox {

  private static final String COLUMNS =
      "id, process_instance_id, template, recipient, patient_id, address, subject, body_text, body_html, attempts";

  private final JdbcTemplate jdbc;

  public Outbox(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Queues the message unless this step already queued it for this recipient. */
  public void add(OutboxMessage message, Instant now) {
    Integer queued = jdbc.queryForObject("""
        SELECT COUNT(*) FROM kapcare_notification
         WHERE process_instance_id = ? AND activity_instance_id = ? AND template = ? AND recipient = ?""",
        Integer.class, message.processInstanceId(), message.activityInstanceId(), message.template(), message.recipient());
    if (queued != null && queued > 0) {
      return;
    }
    jdbc.update("""
        INSERT INTO kapcare_notification (process_instance_id, activity_instance_id, template, recipient, patient_id,
          address, subject, body_text, body_html, status, attempts, created_at, next_attempt_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)""",
        message.processInstanceId(), message.activityInstanceId(), message.template(), message.recipient(),
        message.patientId(), message.address(), message.message().subject(), message.message().text(),
        message.message().html(), at(now), at(now));
  }

  /**
   * Takes up to {@code limit} due rows for this caller until {@code lockedUntil}. The update checks
   * the lock again, so of two dispatchers that saw the same rows only one takes each.
   */
  public List<OutboxEntry> takeDue(Instant now, Instant lockedUntil, int limit) {
    List<Long> due = jdbc.queryForList("""
        SELECT id FROM kapcare_notification
         WHERE status = 'PENDING' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until < ?)
         ORDER BY next_attempt_at, id LIMIT ?""", Long.class, at(now), at(now), limit);
    if (due.isEmpty()) {
      return List.of();
    }
    // An explicit id list: H2 would scan the table once per row for an IN (SELECT ... LIMIT) here.
    String ids = String.join(",", Collections.nCopies(due.size(), "?"));
    String owner = UUID.randomUUID().toString();
    List<Object> args = new ArrayList<>(List.of(owner, at(lockedUntil)));
    args.addAll(due);
    args.add(at(now));
    jdbc.update("UPDATE kapcare_notification SET locked_by = ?, locked_until = ? WHERE id IN (" + ids + ")"
        + " AND status = 'PENDING' AND (locked_until IS NULL OR locked_until < ?)", args.toArray());
    List<Object> taken = new ArrayList<>(due);
    taken.add(owner);
    return jdbc.query("SELECT " + COLUMNS + " FROM kapcare_notification WHERE id IN (" + ids + ") AND locked_by = ?"
        + " ORDER BY id", Outbox::entry, taken.toArray());
  }

  public void sent(long id, Instant now, String deliveredBy) {
    jdbc.update("""
        UPDATE kapcare_notification SET status = 'SENT', attempts = attempts + 1, sent_at = ?, delivered_by = ?,
          last_error = NULL, locked_by = NULL, locked_until = NULL WHERE id = ?""", at(now), deliveredBy, id);
  }

  public void retryAt(long id, Instant next, String error) {
    jdbc.update("""
        UPDATE kapcare_notification SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
          locked_by = NULL, locked_until = NULL WHERE id = ?""", at(next), shorten(error), id);
  }

  public void failed(long id, String error) {
    jdbc.update("""
        UPDATE kapcare_notification SET status = 'FAILED', attempts = attempts + 1, last_error = ?,
          locked_by = NULL, locked_until = NULL WHERE id = ?""", shorten(error), id);
  }

  /**
   * One patient's waiting rows as delivered when they were written, by {@code deliveredBy}: for
   * rows that record the past (the demo clinic's history) rather than news to send now. Called in
   * the transaction that wrote them, the dispatcher never sees them waiting.
   */
  public int markDelivered(String patientId, String deliveredBy) {
    return jdbc.update("""
        UPDATE kapcare_notification SET status = 'SENT', attempts = 1, sent_at = created_at, delivered_by = ?
        WHERE status = 'PENDING' AND patient_id = ?""", deliveredBy, patientId);
  }

  /** What waits: rows not yet delivered, the oldest of them, and rows that failed for good. */
  public Backlog backlog() {
    return jdbc.queryForObject("""
        SELECT SUM(CASE WHEN status = 'PENDING' THEN 1 ELSE 0 END) AS pending,
               MIN(CASE WHEN status = 'PENDING' THEN created_at END) AS oldest,
               SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed
          FROM kapcare_notification WHERE status IN ('PENDING', 'FAILED')""",
        (rs, row) -> new Backlog(rs.getLong("pending"), instant(rs, "oldest"), rs.getLong("failed")));
  }

  public record Backlog(long pending, Instant oldestPending, long failed) {}

  /** The newest rows first, optionally of one status or one patient. */
  public List<NotificationStatus> recent(String status, String patientId, int limit) {
    StringBuilder sql = new StringBuilder("""
        SELECT id, template, recipient, patient_id, status, delivered_by, attempts, last_error, created_at,
               next_attempt_at, sent_at FROM kapcare_notification WHERE 1 = 1""");
    List<Object> args = new ArrayList<>();
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status);
    }
    if (patientId != null) {
      sql.append(" AND patient_id = ?");
      args.add(patientId);
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    args.add(limit);
    return jdbc.query(sql.toString(), (rs, row) -> new NotificationStatus(rs.getLong("id"), rs.getString("template"),
        rs.getString("recipient"), rs.getString("patient_id"), rs.getString("status"), rs.getString("delivered_by"),
        rs.getInt("attempts"), rs.getString("last_error"), instant(rs, "created_at"),
        rs.getString("status").equals(NotificationStatus.PENDING) ? instant(rs, "next_attempt_at") : null,
        instant(rs, "sent_at")), args.toArray());
  }

  private static OutboxEntry entry(ResultSet rs, int row) throws SQLException {
    return new OutboxEntry(rs.getLong("id"), rs.getString("process_instance_id"), rs.getString("template"), rs.getString("recipient"),
        rs.getString("patient_id"), rs.getString("address"),
        new RenderedMessage(rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html")),
        rs.getInt("attempts"));
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static String shorten(String error) {
    return error.length() <= 1000 ? error : error.substring(0, 997) + "...";
  }
}
