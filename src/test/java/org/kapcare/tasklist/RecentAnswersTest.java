package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.kapcare.clinic.StartRefused;

class RecentAnswersTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicLong counted = new AtomicLong();
  private final List<Runnable> behind = new ArrayList<>();

  private long count(RecentAnswers answers, String key) {
    return answers.get(key, counted::incrementAndGet);
  }

  private void later(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  @Test
  void anAnswerIsKeptForItsMaximumAgeThenRenewedBehindTheCallerWhoGetsTheKeptOneOnce() {
    RecentAnswers answers = new RecentAnswers(Duration.ofSeconds(5), now::get, behind::add);
    assertThat(count(answers, "coordinators")).isEqualTo(1);
    later(Duration.ofMillis(4_999));
    assertThat(count(answers, "coordinators")).as("within 5 s").isEqualTo(1);
    assertThat(count(answers, "nurses")).as("another key is answered on its own").isEqualTo(2);
    later(Duration.ofMillis(1));
    assertThat(count(answers, "coordinators")).as("5 s old: the kept answer, renewed behind").isEqualTo(1);
    assertThat(count(answers, "coordinators")).as("renewed once, not per caller").isEqualTo(1);
    assertThat(behind).hasSize(1);
    behind.remove(0).run();
    assertThat(count(answers, "coordinators")).as("the renewed answer").isEqualTo(3);
  }

  @Test
  void anAnswerOlderThanTwiceItsMaximumAgeIsWorkedOutWhileTheCallerWaits() {
    RecentAnswers answers = new RecentAnswers(Duration.ofSeconds(5), now::get, behind::add);
    count(answers, "coordinators");
    later(Duration.ofSeconds(10));
    assertThat(count(answers, "coordinators")).isEqualTo(2);
    assertThat(behind).isEmpty();
  }

  /** A renewal that fails leaves the kept answer for its time and lets the next caller try again. */
  @Test
  void aFailedRenewalKeepsTheAnswerAndIsTriedAgainByTheNextCaller() {
    RecentAnswers answers = new RecentAnswers(Duration.ofSeconds(5), now::get, behind::add);
    assertThat(count(answers, "coordinators")).isEqualTo(1);
    later(Duration.ofSeconds(6));
    assertThat(answers.<Long>get("coordinators", () -> {
      throw new IllegalStateException("database busy");
    })).isEqualTo(1);
    behind.remove(0).run();
    assertThat(count(answers, "coordinators")).as("the kept answer, renewed again behind").isEqualTo(1);
    assertThat(behind).as("a second renewal, as the first one is over").hasSize(1);
    behind.remove(0).run();
    assertThat(count(answers, "coordinators")).isEqualTo(2);
  }

  @Test
  void zeroAnswersEveryCallAndANegativeAgeIsRefusedAtStart() {
    RecentAnswers answers = new RecentAnswers(Duration.ZERO, now::get, behind::add);
    count(answers, "coordinators");
    assertThat(count(answers, "coordinators")).isEqualTo(2);
    assertThat(behind).isEmpty();
    assertThatThrownBy(() -> new RecentAnswers(Duration.ofSeconds(-1), now::get, behind::add))
        .isInstanceOf(StartRefused.class).hasMessageContaining("kapcare.tasklist.queue-count-max-age");
  }
}
