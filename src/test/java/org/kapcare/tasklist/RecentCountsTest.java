package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.kapcare.clinic.StartRefused;

class RecentCountsTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicLong counted = new AtomicLong();

  @Test
  void aCountIsKeptForItsMaximumAgeThenCountedAgain() {
    RecentCounts counts = new RecentCounts(Duration.ofSeconds(3), now::get);
    assertThat(counts.get("coordinators", counted::incrementAndGet)).isEqualTo(1);
    now.addAndGet(Duration.ofMillis(2_999).toNanos());
    assertThat(counts.get("coordinators", counted::incrementAndGet)).as("within 3 s").isEqualTo(1);
    assertThat(counts.get("nurses", counted::incrementAndGet)).as("another key counts on its own").isEqualTo(2);
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat(counts.get("coordinators", counted::incrementAndGet)).as("3 s old").isEqualTo(3);
  }

  @Test
  void zeroCountsOnEveryCallAndANegativeAgeIsRefusedAtStart() {
    RecentCounts counts = new RecentCounts(Duration.ZERO, now::get);
    counts.get("coordinators", counted::incrementAndGet);
    assertThat(counts.get("coordinators", counted::incrementAndGet)).isEqualTo(2);
    assertThatThrownBy(() -> new RecentCounts(Duration.ofSeconds(-1), now::get)).isInstanceOf(StartRefused.class)
        .hasMessageContaining("kapcare.tasklist.queue-count-max-age");
  }
}
