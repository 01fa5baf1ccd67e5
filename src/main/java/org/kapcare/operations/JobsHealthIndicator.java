package org.kapcare.operations;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.RuntimeService;
import org.kapcare.journey.EngineClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The engine's work in /actuator/health ("jobs", from the bean name), for the whole cluster: DOWN
 * while jobs that fell due a while ago lie unacquired (no node's job executor is taking them, so
 * integration windows would close unescalated); incidents (jobs out of retries) are counted for
 * whoever watches.
 */
@Component
class JobsHealthIndicator implements HealthIndicator {

  /**
   * Due, runnable and not locked by any node: what a working job executor takes within seconds. An
   * async continuation has no due date: it is due from its creation.
   */
  private static final String DUE_NOT_ACQUIRED = """
      SELECT COUNT(*) FROM ACT_RU_JOB
       WHERE RETRIES_ > 0 AND SUSPENSION_STATE_ = 1 AND COALESCE(DUEDATE_, CREATE_TIME_) < ?
         AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < ?)
      """;

  private final JdbcTemplate jdbc;
  private final RuntimeService runtime;
  private final Duration longestDelay;

  JobsHealthIndicator(JdbcTemplate jdbc, RuntimeService runtime,
      @Value("${kapcare.health.job-longest-delay:PT5M}") Duration longestDelay) {
    this.jdbc = jdbc;
    this.runtime = runtime;
    this.longestDelay = longestDelay;
  }

  @Override
  public Health health() {
    Instant now = EngineClock.now();
    Long waiting = jdbc.queryForObject(DUE_NOT_ACQUIRED, Long.class, Timestamp.from(now.minus(longestDelay)),
        Timestamp.from(now));
    long dueNotAcquired = waiting == null ? 0 : waiting;
    return (dueNotAcquired > 0 ? Health.down() : Health.up())
        .withDetail("dueNotAcquired", dueNotAcquired)
        .withDetail("longestDelayMinutes", longestDelay.toMinutes())
        .withDetail("incidents", runtime.createIncidentQuery().count())
        .build();
  }
}
