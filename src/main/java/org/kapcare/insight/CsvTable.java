package org.kapcare.insight;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table as a CSV file a manager opens in a spreadsheet: RFC 4180 (commas, CRLF, quotes doubled),
 * numbers as numbers, and any text a spreadsheet would run as a formula ({@code = + - @}, a tab or
 * a carriage return first) written with a leading apostrophe, so that a name someone typed cannot
 * run in the manager's spreadsheet (OWASP "CSV injection").
 */
record CsvTable(List<String> headers, List<List<Object>> rows) {

  /** The file's text, after a byte-order mark that makes spreadsheets read it as UTF-8. */
  String text() {
    StringBuilder csv = new StringBuilder("\uFEFF");
    line(csv, List.copyOf(headers));
    rows.forEach(row -> line(csv, row));
    return csv.toString();
  }

  private static void line(StringBuilder csv, List<Object> cells) {
    csv.append(cells.stream().map(CsvTable::cell).collect(Collectors.joining(","))).append("\r\n");
  }

  private static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    }
    if (value instanceof Double number) {
      return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Number number) {
      return number.toString();
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    boolean quoted = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
    return quoted ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }
}
