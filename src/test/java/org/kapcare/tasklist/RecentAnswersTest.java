package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.kapcare.clinic.StartRefused;

class RecentAnswersTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicLong counted = new AtomicLong();

  @Test
  void aCountIsKeptForItsMaximumAgeThenCountedAgain() {
    RecentAnswers counts = new RecentAnswers(Duration.ofSeconds(3), now::get);
    assertThat((long) counts.get("coordinators", counted::incrementAndGet)).isEqualTo(1);
    now.addAndGet(Duration.ofMillis(2_999).toNanos());
    assertThat((long) counts.get("coordinators", counted::incrementAndGet)).as("within 3 s").isEqualTo(1);
    assertThat((long) counts.get("nurses", counted::incrementAndGet)).as("another key counts on its own").isEqualTo(2);
    now.addAndGet(Duration.ofMillis(1).toNanos());
    assertThat((long) counts.get("coordinators", counted::incrementAndGet)).as("3 s old").isEqualTo(3);
  }

  @Test
  void zeroCountsOnEveryCallAndANegativeAgeIsRefusedAtStart() {
    RecentAnswers counts = new RecentAnswers(Duration.ZERO, now::get);
    counts.get("coordinators", counted::incrementAndGet);
    assertThat((long) counts.get("coordinators", counted::incrementAndGet)).isEqualTo(2);
    assertThatThrownBy(() -> new RecentAnswers(Duration.ofSeconds(-1), now::get)).isInstanceOf(StartRefused.class)
        .hasMessageContaining("kapcare.tasklist.queue-count-max-age");
  }
}
