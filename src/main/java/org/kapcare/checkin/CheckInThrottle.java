package org.kapcare.checkin;

import java.time.Clock;
import org.kapcare.security.SlidingWindowCounts;
import org.springframework.stereotype.Component;

/**
 * The two limits of the check-in page ({@link CheckInProperties}): submissions per link, and links
 * that answer nothing per client address. An address over its limit is answered as if its link
 * were unknown, without a lookup, so a guesser learns nothing and costs the database nothing.
 */
@Component
public class CheckInThrottle {

  private static final int TRACKED = 10_000;

  private final SlidingWindowCounts tries;
  private final SlidingWindowCounts failures;

  public CheckInThrottle(CheckInProperties settings) {
    this.tries = new SlidingWindowCounts(settings.triesPerLink(), settings.throttleWindow(), TRACKED, Clock.systemUTC());
    this.failures = new SlidingWindowCounts(settings.failuresPerSource(), settings.throttleWindow(), TRACKED,
        Clock.systemUTC());
  }

  public boolean sourceRefused(String source) {
    return !failures.refusedFor(source).isZero();
  }

  public void unknownLink(String source) {
    failures.count(source);
  }

  /** Counts a submission with the link; false when the link has had its tries for now. */
  public boolean tryLink(String tokenHash) {
    if (!tries.refusedFor(tokenHash).isZero()) {
      return false;
    }
    tries.count(tokenHash);
    return true;
  }

  /** Forgets every count: for tests, which all come from one address. */
  public void clear() {
    tries.clear();
    failures.clear();
  }
}
