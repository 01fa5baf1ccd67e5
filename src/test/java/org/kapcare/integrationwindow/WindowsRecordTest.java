package org.kapcare.integrationwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exactly-once check the cluster test and the benchmarks share: what it calls broken, journey by journey. */
class WindowsRecordTest {

  /** Per-journey counts as the database would answer them: escalations, managers' alerts, reminders. */
  private static WindowsRecord answering(Map<String, Long> escalations, Map<String, Long> alerts, Map<String, Long> reminders) {
    return new WindowsRecord((sql, args) -> {
      Map<String, Long> counts = sql.contains("ACT_HI_TASKINST") ? escalations
          : WindowsRecord.ALERT.equals(args[0]) ? alerts : reminders;
      assertThat(args[1]).isEqualTo("W-%");
      return counts.entrySet().stream().map(entry -> List.<Object>of(entry.getKey(), entry.getValue())).toList();
    }, "W");
  }

  @Test
  void everyWindowOnceIsNothingBroken() throws Exception {
    WindowsRecord record = answering(Map.of("W-00000", 1L, "W-00001", 1L), Map.of("W-00000", 1L, "W-00001", 1L),
        Map.of("W-00000", 2L, "W-00001", 2L));

    assertThat(record.notExactlyOnce()).isEmpty();
    assertThat(record.journeys()).isEqualTo(2);
  }

  @Test
  void aMissingADoubledAndAShortWindowAreEachNamed() throws Exception {
    WindowsRecord record = answering(Map.of("W-00000", 0L, "W-00001", 2L, "W-00002", 1L),
        Map.of("W-00000", 0L, "W-00001", 1L, "W-00002", 1L), Map.of("W-00000", 2L, "W-00001", 2L, "W-00002", 1L));

    assertThat(record.notExactlyOnce()).containsExactlyInAnyOrder("W-00000: 0 escalations", "W-00001: 2 escalations",
        "W-00000: 0 managers' alerts",
        "W-00002: 1 reminders (one to the coordinators and one to the therapist expected)");
  }
}
