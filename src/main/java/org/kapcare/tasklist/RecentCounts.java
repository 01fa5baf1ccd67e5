package org.kapcare.tasklist;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.kapcare.clinic.StartRefused;

/**
 * Counts kept for a short while: every open Tasklist reloads its queue's count every 10 seconds,
 * and within a few seconds the answer is the same for everyone who may read the same tasks.
 */
final class RecentCounts {

  private record Count(long value, long countedAt) {}

  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final Map<Object, Count> counts = new ConcurrentHashMap<>();

  RecentCounts(Duration maxAge, LongSupplier nanoTime) {
    if (maxAge.isNegative()) {
      throw StartRefused.setting(GroupQueueQuery.COUNT_MAX_AGE, GroupQueueQuery.COUNT_MAX_AGE
          + " must be zero (counted on every call) or more, not " + maxAge);
    }
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The count for {@code key} if counted within the maximum age, else {@code counting}'s, kept from now. */
  long get(Object key, Supplier<Long> counting) {
    long now = nanoTime.getAsLong();
    Count kept = counts.get(key);
    if (kept != null && now - kept.countedAt() < maxAgeNanos) {
      return kept.value();
    }
    long value = counting.get();
    // Keys are a group, its readers' groups and rights: a handful per clinic, never one per call.
    counts.put(key, new Count(value, now));
    return value;
  }
}
