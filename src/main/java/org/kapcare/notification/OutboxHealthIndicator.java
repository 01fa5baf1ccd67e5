package org.kapcare.notification;

import java.time.Duration;
import org.kapcare.clinic.EngineClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The outbox backlog in /actuator/health ("outbox", from the bean name): DOWN once a notification has waited longer
 * than it should (mail server down, or no node dispatching), so that monitoring calls someone
 * before an integration reminder is missed. Counts only, never who or what.
 */
@Component
class OutboxHealthIndicator implements HealthIndicator {

  private final Outbox outbox;
  private final Duration longestWait;

  OutboxHealthIndicator(Outbox outbox, @Value("${kapcare.health.outbox-longest-wait:PT30M}") Duration longestWait) {
    this.outbox = outbox;
    this.longestWait = longestWait;
  }

  @Override
  public Health health() {
    Outbox.Backlog backlog = outbox.backlog();
    Duration waited = backlog.oldestPending() == null ? Duration.ZERO
        : Duration.between(backlog.oldestPending(), EngineClock.now());
    Health.Builder health = waited.compareTo(longestWait) > 0 ? Health.down() : Health.up();
    return health.withDetail("pending", backlog.pending())
        .withDetail("oldestPendingMinutes", waited.toMinutes())
        .withDetail("failed", backlog.failed())
        .withDetail("longestWaitMinutes", longestWait.toMinutes())
        .build();
  }
}
