package org.kapcare.integrationwindow;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.kapcare.clinic.StartRefused;
import org.springframework.stereotype.Component;

/**
 * Computes a dose's integration window. The settings are checked when the application starts so
 * that a clinic never runs with a window the protocol does not allow.
 */
@Component
public class IntegrationWindowPolicy {

  /** The brain's more plastic state lasts roughly 48 hours after a dose (docs/clinical.md). */
  public static final Duration LONGEST_WINDOW = Duration.ofHours(48);

  public record Window(Instant reminderAt, Instant deadline) {}

  private final IntegrationWindowProperties settings;

  public IntegrationWindowPolicy(IntegrationWindowProperties settings) {
    checkWindow("kapcare.integration.window", settings.window());
    for (Map.Entry<String, Duration> byRoute : settings.windowByRoute().entrySet()) {
      checkWindow("kapcare.integration.window-by-route." + byRoute.getKey(), byRoute.getValue());
    }
    if (!(settings.reminderFraction() > 0 && settings.reminderFraction() < 1)) {
      throw StartRefused.setting("kapcare.integration.reminder-fraction",
          "kapcare.integration.reminder-fraction must be between 0 and 1 (exclusive), was " + settings.reminderFraction());
    }
    this.settings = settings;
  }

  public Window open(String route, Instant dischargedAt) {
    Duration window = settings.windowByRoute().getOrDefault(route, settings.window());
    Duration untilReminder = Duration.ofMillis(Math.round(window.toMillis() * settings.reminderFraction()));
    return new Window(dischargedAt.plus(untilReminder), dischargedAt.plus(window));
  }

  private static void checkWindow(String property, Duration window) {
    if (window == null || window.isZero() || window.isNegative() || window.compareTo(LONGEST_WINDOW) > 0) {
      throw StartRefused.setting(property, property + " must be a positive duration of at most PT48H (48 hours), was " + window
          + ". Integration must happen within 48 hours of a dose.");
    }
  }
}
