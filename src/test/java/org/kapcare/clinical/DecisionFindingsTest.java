package org.kapcare.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionFindingsTest {

  private final DecisionFindings findings = new DecisionFindings();

  @Test
  void theMostSevereOutcomeWinsAndEveryReasonIsKept() {
    List<Map<String, Object>> rows = List.of(row("prescriber-review", 1, "Heart rate above 110"),
        row("proceed", 0, null), row("postpone", 2, "Systolic above 160"));
    assertThat(findings.outcome(rows)).isEqualTo("postpone");
    assertThat(findings.reasons(rows)).isEqualTo("Systolic above 160; Heart rate above 110");
  }

  @Test
  void aTableWithoutItsDefaultRowIsAnError() {
    assertThatThrownBy(() -> findings.outcome(List.of())).hasMessageContaining("default row");
  }

  private static Map<String, Object> row(String outcome, int severity, String reason) {
    Map<String, Object> row = new HashMap<>();
    row.put("outcome", outcome);
    row.put("severity", severity);
    row.put("reason", reason);
    return row;
  }
}
