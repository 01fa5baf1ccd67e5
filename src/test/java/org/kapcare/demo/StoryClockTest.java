package org.kapcare.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The demo's writer moves its own engine clock; the app's other threads keep the real time. */
class StoryClockTest {

  private static final Instant LAST_SPRING = Instant.parse("2026-05-04T09:30:00Z");

  private final StoryClock clock = new StoryClock();

  @AfterEach
  void realTime() {
    clock.close();
  }

  @Test
  void onlyTheWritingThreadSeesTheStorysTime() throws Exception {
    clock.install().set(LAST_SPRING);

    assertThat(ClockUtil.getCurrentTime().toInstant()).isEqualTo(LAST_SPRING);
    Instant seenElsewhere = CompletableFuture.supplyAsync(() -> ClockUtil.getCurrentTime().toInstant()).get();
    assertThat(seenElsewhere).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
  }

  @Test
  void aThreadThatLeavesAndEveryThreadAfterCloseAreBackOnTheRealTime() {
    clock.install().set(LAST_SPRING);
    clock.leave();
    assertThat(ClockUtil.getCurrentTime().toInstant()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));

    clock.set(LAST_SPRING);
    clock.close();
    assertThat(ClockUtil.getCurrentTime().toInstant()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
  }
}
