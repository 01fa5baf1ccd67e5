package org.kapcare.security;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per client address over a sliding window ({@link SignInProperties}): an address
 * with too many is refused until the oldest of them leaves the window, whoever it signs in as. At
 * most {@code tracked-addresses} addresses are remembered. A success resets nothing: it would let
 * whoever holds one account wipe the failures of their guesses at others.
 */
@Component
public class SignInThrottle {

  private final SlidingWindowCounts failures;

  @Autowired
  public SignInThrottle(SignInProperties settings) {
    this(settings, Clock.systemUTC());
  }

  SignInThrottle(SignInProperties settings, Clock clock) {
    this.failures = new SlidingWindowCounts(settings.maxFailuresPerAddress(), settings.failureWindow(),
        settings.trackedAddresses(), clock);
  }

  /** How long sign-ins from {@code address} are still refused; zero when they are checked. */
  public Duration refusedFor(String address) {
    return failures.refusedFor(address);
  }

  /** Counts a failed sign-in from {@code address}; true when it is the one that reaches the limit. */
  public boolean failed(String address) {
    return failures.count(address);
  }

  /** Forgets every address: for tests, which all sign in from the same one. */
  public void clear() {
    failures.clear();
  }
}
