package org.kapcare.operations;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.jobexecutor.historycleanup.HistoryCleanupJobHandler;
import org.kapcare.clinic.EngineClock;
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
 *
 * <p>The history cleanup job is left out of the verdict: it waits for the nightly batch window by
 * design, is due from the window's start while the window is open, and a node may be set to leave
 * it alone ({@code history-cleanup-enabled: false}). Its delay harms no patient, and a cleanup that
 * fails becomes an incident like any job. It is reported apart, as when it is next due.
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
         AND HANDLER_TYPE_ <> ?
      """;

  private static final String CLEANUP_DUE = "SELECT MIN(DUEDATE_) FROM ACT_RU_JOB WHERE HANDLER_TYPE_ = ?";

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
        Timestamp.from(now), HistoryCleanupJobHandler.TYPE);
    long dueNotAcquired = waiting == null ? 0 : waiting;
    List<Timestamp> cleanup = jdbc.queryForList(CLEANUP_DUE, Timestamp.class, HistoryCleanupJobHandler.TYPE);
    Timestamp cleanupDue = cleanup.isEmpty() ? null : cleanup.get(0);
    return (dueNotAcquired > 0 ? Health.down() : Health.up())
        .withDetail("dueNotAcquired", dueNotAcquired)
        .withDetail("longestDelayMinutes", longestDelay.toMinutes())
        .withDetail("incidents", runtime.createIncidentQuery().count())
        .withDetail("historyCleanupDue", cleanupDue == null ? "not scheduled" : cleanupDue.toInstant().toString())
        .build();
  }
}
