package org.kapcare.integrationwindow;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kapcare.integration.*}: how long after discharge the integration session may be held
 * (48 hours at most, per route if the clinic wishes) and when, as a share of the window, the
 * coordinators and therapists are reminded.
 */
@ConfigurationProperties("kapcare.integration")
public record IntegrationWindowProperties(
    @DefaultValue("PT48H") Duration window,
    @DefaultValue Map<String, Duration> windowByRoute,
    @DefaultValue("0.5") double reminderFraction) {
}
