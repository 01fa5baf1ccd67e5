package org.kapcare.insight;

import java.sql.ResultSet;
import java.sql.SQLException;

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
}
