package org.kapcare.tasklist;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.kapcare.clinic.StartRefused;

/**
 * Answers kept for a short while: every open Tasklist reloads its queue's first page and count every
 * 10 seconds, and within a few seconds they are the same for everyone who may read the same tasks.
 */
final class RecentAnswers {

  private record Answer(Object value, long answeredAt) {}

  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final Map<Object, Answer> answers = new ConcurrentHashMap<>();

  RecentAnswers(Duration maxAge, LongSupplier nanoTime) {
    if (maxAge.isNegative()) {
      throw StartRefused.setting(GroupQueueQuery.COUNT_MAX_AGE, GroupQueueQuery.COUNT_MAX_AGE
          + " must be zero (counted on every call) or more, not " + maxAge);
    }
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
  }

  /** The answer for {@code key} if given within the maximum age, else {@code answering}'s, kept from now. */
  @SuppressWarnings("unchecked")
  <T> T get(Object key, Supplier<T> answering) {
    long now = nanoTime.getAsLong();
    Answer kept = answers.get(key);
    if (kept != null && now - kept.answeredAt() < maxAgeNanos) {
      return (T) kept.value();
    }
    T value = answering.get();
    // Keys are a queue, its readers' groups and rights, and for pages the order and position Tasklist
    // asks for: a bounded few per clinic. Stale ones are replaced, never piled up.
    answers.put(key, new Answer(value, now));
    return value;
  }
}
