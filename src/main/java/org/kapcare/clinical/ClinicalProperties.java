package org.kapcare.clinical;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clinic settings for the dose day (see CLINICAL.md). Defaults: 60 minutes of observation after
 * any dose, 120 after esketamine (Spravato REMS), the REMS monitoring form due 7 days after, and
 * the protocol maxima per route.
 */
@ConfigurationProperties("kapcare.clinical")
public record ClinicalProperties(
    @DefaultValue("60") int minimumMonitoringMinutes,
    @DefaultValue("ESKETAMINE_NASAL=120") Map<String, Integer> minimumMonitoringMinutesByRoute,
    @DefaultValue("P7D") Duration remsFormDue,
    @DefaultValue({"IV=1.0", "IM=1.0"}) Map<String, Double> maximumDoseMgPerKg,
    @DefaultValue({"SUBLINGUAL=400", "ESKETAMINE_NASAL=84"}) Map<String, Double> maximumDoseMg) {

  public DoseLimits doseLimits() {
    return new DoseLimits(maximumDoseMgPerKg, maximumDoseMg);
  }

  public int minimumMonitoringMinutes(String route) {
    return minimumMonitoringMinutesByRoute.getOrDefault(route, minimumMonitoringMinutes);
  }
}
