package org.kapcare.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kapcare.clinic.PatientLinks;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

/** How long a row waits after failed attempts: doubling from first-retry, never longer than max-retry. */
class OutboxDispatcherTest {

  private final OutboxDispatcher dispatcher = new OutboxDispatcher(null,
      new NotificationProperties(Map.of(), "KAP Care <no-reply@kap.example>", "classpath:/notifications/",
          Duration.ofSeconds(5), 100, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(1), false),
      new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
      new StaticListableBeanFactory().getBeanProvider(PatientLinks.class));

  @Test
  void theWaitDoublesFromTheFirstRetryUpToTheMaximum() {
    assertThat(dispatcher.waitAfter(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(dispatcher.waitAfter(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(dispatcher.waitAfter(7)).isEqualTo(Duration.ofMinutes(32));
    assertThat(dispatcher.waitAfter(8)).isEqualTo(Duration.ofHours(1));
    assertThat(dispatcher.waitAfter(500)).as("a server down for days: still hourly").isEqualTo(Duration.ofHours(1));
  }
}
