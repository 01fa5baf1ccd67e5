package org.kapcare.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Failed sign-ins per client address over a sliding window ({@link SignInProperties}): an address
 * with too many is refused until the oldest of them leaves the window, whoever it signs in as.
 *
 * <p>In this node's memory only (each node of a cluster counts for itself), and bounded: at most
 * {@code tracked-addresses} addresses, each with at most {@code max-failures-per-address} instants;
 * beyond that the address whose last failure is oldest is forgotten, so many addresses cannot
 * exhaust the memory. A success resets nothing: it would let whoever holds one account wipe the
 * failures of their guesses at others.
 */
@Component
public class SignInThrottle {

  private final SignInProperties settings;
  private final Clock clock;
  /** Insertion order is the order of each address's last failure: the first entry is the one to forget. */
  private final Map<String, Deque<Instant>> failures;

  @Autowired
  public SignInThrottle(SignInProperties settings) {
    this(settings, Clock.systemUTC());
  }

  SignInThrottle(SignInProperties settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.failures = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
        return size() > settings.trackedAddresses();
      }
    };
  }

  /** How long sign-ins from {@code address} are still refused; zero when they are checked. */
  public synchronized Duration refusedFor(String address) {
    Deque<Instant> recent = failures.get(address);
    if (recent == null) {
      return Duration.ZERO;
    }
    Instant now = clock.instant();
    dropExpired(recent, now);
    if (recent.size() < settings.maxFailuresPerAddress()) {
      return Duration.ZERO;
    }
    return Duration.between(now, recent.peekFirst().plus(settings.failureWindow()));
  }

  /** Counts a failed sign-in from {@code address}; true when it is the one that reaches the limit. */
  public synchronized boolean failed(String address) {
    Instant now = clock.instant();
    Deque<Instant> recent = failures.remove(address);
    if (recent == null) {
      recent = new ArrayDeque<>();
    }
    dropExpired(recent, now);
    recent.addLast(now);
    if (recent.size() > settings.maxFailuresPerAddress()) {
      recent.removeFirst();
    }
    failures.put(address, recent);
    return recent.size() == settings.maxFailuresPerAddress();
  }

  /** Forgets every address: for tests, which all sign in from the same one. */
  public synchronized void clear() {
    failures.clear();
  }

  private void dropExpired(Deque<Instant> recent, Instant now) {
    Instant windowStart = now.minus(settings.failureWindow());
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
      recent.removeFirst();
    }
  }
}
