package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The per-address count of failed sign-ins, on a clock the test moves. */
class SignInThrottleTest {

  private final MovableClock clock = new MovableClock();
  private final SignInThrottle throttle = new SignInThrottle(new SignInProperties(3, Duration.ofMinutes(10), 2), clock);

  @Test
  void anAddressIsRefusedFromItsLimitUntilTheOldestFailureLeavesTheWindow() {
    assertThat(throttle.failed("10.0.0.1")).isFalse();
    clock.move(Duration.ofMinutes(4));
    assertThat(throttle.failed("10.0.0.1")).isFalse();
    assertThat(throttle.refusedFor("10.0.0.1")).isZero();
    assertThat(throttle.failed("10.0.0.1")).as("the third reaches the limit").isTrue();

    assertThat(throttle.refusedFor("10.0.0.1")).isEqualTo(Duration.ofMinutes(6));
    clock.move(Duration.ofMinutes(6).minusSeconds(1));
    assertThat(throttle.refusedFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    clock.move(Duration.ofSeconds(1));
    assertThat(throttle.refusedFor("10.0.0.1")).as("the first failure left the window").isZero();
    clock.move(Duration.ofSeconds(30));
    assertThat(throttle.refusedFor("10.0.0.1")).isZero();
    assertThat(throttle.failed("10.0.0.1")).as("and the next failure reaches the limit again").isTrue();
    assertThat(throttle.refusedFor("10.0.0.1")).isEqualTo(Duration.ofMinutes(4).minusSeconds(30));
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    throttle.failed("10.0.0.1");
    throttle.failed("10.0.0.1");
    clock.move(Duration.ofMinutes(11));

    assertThat(throttle.failed("10.0.0.1")).isFalse();
    assertThat(throttle.refusedFor("10.0.0.1")).isZero();
  }

  @Test
  void addressesCountForThemselves() {
    for (int failure = 0; failure < 3; failure++) {
      throttle.failed("10.0.0.1");
    }

    assertThat(throttle.refusedFor("10.0.0.1")).isPositive();
    assertThat(throttle.refusedFor("10.0.0.2")).isZero();
  }

  /** Two addresses at most here: a third makes the one whose last failure is oldest forgotten. */
  @Test
  void theAddressesRememberedAreBoundedAndTheLeastRecentlyFailingForgotten() {
    for (int failure = 0; failure < 3; failure++) {
      throttle.failed("10.0.0.1");
      throttle.failed("10.0.0.2");
    }
    throttle.failed("10.0.0.1");

    throttle.failed("10.0.0.3");

    assertThat(throttle.refusedFor("10.0.0.1")).isPositive();
    assertThat(throttle.refusedFor("10.0.0.2")).isZero();
  }

  private static class MovableClock extends Clock {

    private Instant now = Instant.parse("2026-11-21T09:00:00Z");

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
