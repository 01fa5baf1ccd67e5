package org.kapcare.integrationwindow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/** The window settings, bound from configuration as the application binds them. */
class IntegrationWindowPolicyTest {

  @EnableConfigurationProperties(IntegrationWindowProperties.class)
  @Import(IntegrationWindowPolicy.class)
  static class PolicyOnly {
  }

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(UserConfigurations.of(PolicyOnly.class));

  private static final Instant DISCHARGED = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void defaultsAreFortyEightHoursWithAReminderHalfway() {
    context.run(started -> {
      IntegrationWindowPolicy.Window window = started.getBean(IntegrationWindowPolicy.class).open("IV", DISCHARGED);
      assertThat(window.deadline()).isEqualTo(DISCHARGED.plus(Duration.ofHours(48)));
      assertThat(window.reminderAt()).isEqualTo(DISCHARGED.plus(Duration.ofHours(24)));
    });
  }

  @Test
  void aRouteMayHaveItsOwnShorterWindow() {
    context.withPropertyValues("kapcare.integration.window-by-route.IM=PT24H", "kapcare.integration.reminder-fraction=0.75")
        .run(started -> {
          IntegrationWindowPolicy policy = started.getBean(IntegrationWindowPolicy.class);
          assertThat(policy.open("IM", DISCHARGED).deadline()).isEqualTo(DISCHARGED.plus(Duration.ofHours(24)));
          assertThat(policy.open("IM", DISCHARGED).reminderAt()).isEqualTo(DISCHARGED.plus(Duration.ofHours(18)));
          assertThat(policy.open("IV", DISCHARGED).deadline()).isEqualTo(DISCHARGED.plus(Duration.ofHours(48)));
        });
  }

  @ParameterizedTest(name = "window {0} refuses to start")
  @ValueSource(strings = {"PT49H", "PT0S", "-PT1H"})
  void aWindowOverFortyEightHoursZeroOrNegativeStopsStartUp(String window) {
    context.withPropertyValues("kapcare.integration.window=" + window).run(started ->
        assertThat(started).hasFailed().getFailure().rootCause()
            .hasMessageStartingWith("kapcare.integration.window must be a positive duration of at most PT48H"));
  }

  @Test
  void aRouteWindowOverFortyEightHoursNamesItsProperty() {
    context.withPropertyValues("kapcare.integration.window-by-route.SUBLINGUAL=PT72H").run(started ->
        assertThat(started).hasFailed().getFailure().rootCause()
            .hasMessageContaining("kapcare.integration.window-by-route.SUBLINGUAL"));
  }
}
