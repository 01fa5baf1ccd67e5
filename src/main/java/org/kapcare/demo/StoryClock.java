package org.kapcare.demo;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.joda.time.DateTimeUtils;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The engine's clock while the demo clinic is written: a time of its own for the thread that
 * writes the stories, while the app's other threads (job executor, web requests) keep the real
 * time. Camunda's {@link ClockUtil} reads Joda's clock, which is one for the whole JVM; this
 * replaces its source until {@link #close()}.
 */
@Component
@Profile("demo")
class StoryClock implements AutoCloseable {

  private final ThreadLocal<Long> storyTime = new ThreadLocal<>();

  /** From now until {@link #close()}, each thread that {@link #set}s a time has its own engine clock. */
  StoryClock install() {
    DateTimeUtils.setCurrentMillisProvider(() -> {
      Long at = storyTime.get();
      return at != null ? at : System.currentTimeMillis();
    });
    return this;
  }

  /** Moves this thread's engine clock; only forwards in a story, which the caller keeps to. */
  void set(Instant at) {
    storyTime.set(at.toEpochMilli());
  }

  void set(Date at) {
    storyTime.set(at.getTime());
  }

  /** This thread back on the real time. */
  void leave() {
    storyTime.remove();
  }

  Date now() {
    return ClockUtil.getCurrentTime();
  }

  /** Every thread back on the real time. */
  @Override
  public void close() {
    ClockUtil.reset();
  }
}
