package org.kapcare.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Delivers the outbox every {@code kapcare.notify.poll-interval} on every node; the rows' locks keep
 * nodes apart. {@code kapcare.notify.dispatcher-enabled=false} turns it off (tests deliver explicitly).
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "kapcare.notify.dispatcher-enabled", havingValue = "true", matchIfMissing = true)
public class OutboxPoller {

  private final OutboxDispatcher dispatcher;

  public OutboxPoller(OutboxDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Scheduled(fixedDelayString = "${kapcare.notify.poll-interval:PT5S}")
  void poll() {
    dispatcher.dispatchDue();
  }
}
