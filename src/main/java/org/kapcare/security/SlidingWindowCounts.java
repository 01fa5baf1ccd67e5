package org.kapcare.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Events per key (a client address, a link) over a sliding window: a key with {@code max} events
 * in the last {@code window} is refused until the oldest of them leaves it.
 *
 * <p>In this node's memory only (each node of a cluster counts for itself), and bounded: at most
 * {@code trackedKeys} keys, each with at most {@code max} instants; beyond that the key whose last
 * event is oldest is forgotten, so that many keys cannot exhaust the memory.
 */
public class SlidingWindowCounts {

  private final int max;
  private final Duration window;
  private final Clock clock;
  /** Insertion order is the order of each key's last event: the first entry is the one to forget. */
  private final Map<String, Deque<Instant>> events;

  public SlidingWindowCounts(int max, Duration window, int trackedKeys, Clock clock) {
    this.max = max;
    this.window = window;
    this.clock = clock;
    this.events = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
        return size() > trackedKeys;
      }
    };
  }

  /** How long {@code key} is still refused; zero when it is not. */
  public synchronized Duration refusedFor(String key) {
    Deque<Instant> recent = events.get(key);
    if (recent == null) {
      return Duration.ZERO;
    }
    Instant now = clock.instant();
    dropExpired(recent, now);
    if (recent.size() < max) {
      return Duration.ZERO;
    }
    return Duration.between(now, recent.peekFirst().plus(window));
  }

  /** Counts an event of {@code key}; true when it is the one that reaches the limit. */
  public synchronized boolean count(String key) {
    Instant now = clock.instant();
    Deque<Instant> recent = events.remove(key);
    if (recent == null) {
      recent = new ArrayDeque<>();
    }
    dropExpired(recent, now);
    recent.addLast(now);
    if (recent.size() > max) {
      recent.removeFirst();
    }
    events.put(key, recent);
    return recent.size() == max;
  }

  /** Forgets every key: for tests, which all come from the same address. */
  public synchronized void clear() {
    events.clear();
  }

  private void dropExpired(Deque<Instant> recent, Instant now) {
    Instant windowStart = now.minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(windowStart)) {
      recent.removeFirst();
    }
  }
}
