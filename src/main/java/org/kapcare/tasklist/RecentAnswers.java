package org.kapcare.tasklist;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.kapcare.clinic.StartRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers kept for a short while: every open Tasklist reloads its queue's first page and count every
 * 10 seconds, and within a few seconds they are the same for everyone who may read the same tasks.
 * An answer older than the maximum age is still given once while a fresh one is worked out behind
 * it, so that nobody waits for the whole queue to be counted; one older than twice the maximum age
 * (a queue nobody has looked at for a while) is worked out while the caller waits.
 */
final class RecentAnswers {

  private static final Logger LOG = LoggerFactory.getLogger(RecentAnswers.class);

  private record Answer(Object value, long answeredAt) {}

  private final long maxAgeNanos;
  private final LongSupplier nanoTime;
  private final Executor behind;
  private final Map<Object, Answer> answers = new ConcurrentHashMap<>();
  private final Set<Object> renewing = ConcurrentHashMap.newKeySet();

  RecentAnswers(Duration maxAge, LongSupplier nanoTime, Executor behind) {
    if (maxAge.isNegative()) {
      throw StartRefused.setting(GroupQueueQuery.COUNT_MAX_AGE, GroupQueueQuery.COUNT_MAX_AGE
          + " must be zero (counted on every call) or more, not " + maxAge);
    }
    this.maxAgeNanos = maxAge.toNanos();
    this.nanoTime = nanoTime;
    this.behind = behind;
  }

  /** The answer for {@code key} if given within the maximum age, else {@code answering}'s, kept from now. */
  @SuppressWarnings("unchecked")
  <T> T get(Object key, Supplier<T> answering) {
    long now = nanoTime.getAsLong();
    Answer kept = answers.get(key);
    long age = kept == null ? Long.MAX_VALUE : now - kept.answeredAt();
    if (age < maxAgeNanos) {
      return (T) kept.value();
    }
    if (age < 2 * maxAgeNanos) {
      if (renewing.add(key)) {
        behind.execute(() -> renew(key, answering));
      }
      return (T) kept.value();
    }
    T value = answering.get();
    // Keys are a queue, its readers' groups and rights, and for pages the order and position Tasklist
    // asks for: a bounded few per clinic. Stale ones are replaced, never piled up.
    answers.put(key, new Answer(value, now));
    return value;
  }

  private void renew(Object key, Supplier<?> answering) {
    try {
      long started = nanoTime.getAsLong();
      answers.put(key, new Answer(answering.get(), started));
    } catch (RuntimeException e) {
      // The next caller past twice the maximum age works it out and sees the failure.
      LOG.warn("A queue's count or page could not be renewed: {}", e.getMessage());
    } finally {
      renewing.remove(key);
    }
  }
}
