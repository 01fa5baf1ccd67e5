package org.kapcare.checkin;

import java.time.Duration;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kapcare.check-in.*}: when patients are asked how they are, and how long a link works.
 *
 * @param enabled whether patients are sent check-ins at all
 * @param beforeSession how long before a dose and before the follow-up assessment the check-in goes
 * @param betweenDoses how often a patient is asked during a dosing series
 * @param minimumGap a weekly check-in is skipped when another went out less than this long ago
 * @param linkValidFor how long a check-in's link works; then the check-in closes unanswered
 * @param triesPerLink how many submissions one link takes in {@code throttleWindow}
 * @param failuresPerSource how many unknown links one address may try in {@code throttleWindow}
 *     before it is answered without being looked up
 * @param throttleWindow the period the two counts above run over
 * @param publicUrl where patients reach KAP Care's check-in page, when not at
 *     {@code kapcare.clinic.base-url} (the staff's address may be on the clinic's own network)
 */
@ConfigurationProperties("kapcare.check-in")
public record CheckInProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("P1D") Duration beforeSession,
    @DefaultValue("P7D") Duration betweenDoses,
    @DefaultValue("P3D") Duration minimumGap,
    @DefaultValue("P3D") Duration linkValidFor,
    @DefaultValue("20") int triesPerLink,
    @DefaultValue("50") int failuresPerSource,
    @DefaultValue("PT10M") Duration throttleWindow,
    String publicUrl) {

  public CheckInProperties {
    StartRefused.requirePositive("kapcare.check-in.before-session", beforeSession);
    StartRefused.requirePositive("kapcare.check-in.between-doses", betweenDoses);
    StartRefused.requirePositive("kapcare.check-in.link-valid-for", linkValidFor);
    StartRefused.requirePositive("kapcare.check-in.throttle-window", throttleWindow);
    if (minimumGap.isNegative()) {
      throw StartRefused.setting("kapcare.check-in.minimum-gap",
          "kapcare.check-in.minimum-gap must not be negative, not " + minimumGap);
    }
    if (triesPerLink < 1 || failuresPerSource < 1) {
      throw StartRefused.setting("kapcare.check-in.tries-per-link",
          "kapcare.check-in.tries-per-link and failures-per-source must be at least 1");
    }
  }
}
