package org.kapcare.insight;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Reading aggregates the same way from H2 and PostgreSQL, whose numeric result types differ. */
final class Sql {

  private Sql() {}

  /** A duration or figure in the column, rounded to a whole number; null when the aggregate had no rows. */
  static Long millis(ResultSet row, int column) throws SQLException {
    Object value = row.getObject(column);
    return value == null ? null : Math.round(((Number) value).doubleValue());
  }

  static Double decimal(ResultSet row, int column) throws SQLException {
    Object value = row.getObject(column);
    return value == null ? null : ((Number) value).doubleValue();
  }

  /** Epoch milliseconds in the column as an instant; null when the column is. */
  static Instant instant(ResultSet row, int column) throws SQLException {
    long epochMillis = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(epochMillis);
  }
}
