package org.kapcare.security;

import java.time.Duration;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kapcare.sign-in.*}: how many failed sign-ins one client address may make within a sliding
 * window before its sign-ins are refused until the window has passed, and how many addresses each
 * node remembers at most (the least recently failing are forgotten first).
 */
@ConfigurationProperties("kapcare.sign-in")
public record SignInProperties(
    @DefaultValue("20") int maxFailuresPerAddress,
    @DefaultValue("PT10M") Duration failureWindow,
    @DefaultValue("10000") int trackedAddresses) {

  public SignInProperties {
    if (maxFailuresPerAddress < 1) {
      throw StartRefused.setting("kapcare.sign-in.max-failures-per-address",
          "kapcare.sign-in.max-failures-per-address must be at least 1, was " + maxFailuresPerAddress);
    }
    if (failureWindow.isNegative() || failureWindow.isZero()) {
      throw StartRefused.setting("kapcare.sign-in.failure-window",
          "kapcare.sign-in.failure-window must be positive, was " + failureWindow);
    }
    if (trackedAddresses < 1) {
      throw StartRefused.setting("kapcare.sign-in.tracked-addresses",
          "kapcare.sign-in.tracked-addresses must be at least 1, was " + trackedAddresses);
    }
  }
}
