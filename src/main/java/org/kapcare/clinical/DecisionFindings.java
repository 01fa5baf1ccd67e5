package org.kapcare.clinical;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Summarises a COLLECT decision table (eligibility, pre-dose safety) whose rows each give an
 * {@code outcome}, a {@code severity} and a {@code reason}: the outcome of the most severe row
 * wins, and every reason is kept so the clinician sees all of them at once. The severities and
 * the always-matching default row live in the DMN, so clinicians change them in the Modeler.
 */
@Component("decisionFindings")
public class DecisionFindings {

  public String outcome(List<Map<String, Object>> findings) {
    return findings.stream()
        .max(Comparator.comparingInt(DecisionFindings::severity))
        .map(row -> (String) row.get("outcome"))
        .orElseThrow(() -> new IllegalStateException("decision matched no rule; the table needs a default row"));
  }

  /** The reasons, most severe first, joined so that Tasklist forms can show them as they are. */
  public String reasons(List<Map<String, Object>> findings) {
    return findings.stream()
        .sorted(Comparator.comparingInt(DecisionFindings::severity).reversed())
        .map(row -> (String) row.get("reason"))
        .filter(Objects::nonNull)
        .collect(Collectors.joining("; "));
  }

  private static int severity(Map<String, Object> row) {
    return ((Number) row.get("severity")).intValue();
  }
}
