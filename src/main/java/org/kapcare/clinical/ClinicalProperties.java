package org.kapcare.clinical;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clinic settings for the dose day (see CLINICAL.md). Defaults: 60 minutes of observation after
 * any dose, 120 after esketamine (Spravato REMS), and the REMS monitoring form due 7 days after.
 */
@ConfigurationProperties("kapcare.clinical")
public record ClinicalProperties(
    @DefaultValue("60") int minimumMonitoringMinutes,
    @DefaultValue("ESKETAMINE_NASAL=120") Map<String, Integer> minimumMonitoringMinutesByRoute,
    @DefaultValue("P7D") Duration remsFormDue) {

  public int minimumMonitoringMinutes(String route) {
    return minimumMonitoringMinutesByRoute.getOrDefault(route, minimumMonitoringMinutes);
  }
}
