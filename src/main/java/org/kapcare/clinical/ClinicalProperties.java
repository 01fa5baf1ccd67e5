package org.kapcare.clinical;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clinic settings for the dose day (see CLINICAL.md). Defaults: 60 minutes of observation after
 * any dose, 120 after esketamine (Spravato REMS), the REMS monitoring form due 7 days after, and
 * the protocol maxima per route, a PCL-5 of 33 or more flagged as probable PTSD, response as a PHQ-9
 * fall of 50 % or more from baseline and remission as a PHQ-9 below 5, and a weight taken again at the
 * pre-dose check once it is older than 30 days.
 */
@ConfigurationProperties("kapcare.clinical")
public record ClinicalProperties(
    @DefaultValue("60") int minimumMonitoringMinutes,
    Map<String, Integer> minimumMonitoringMinutesByRoute,
    @DefaultValue("P7D") Duration remsFormDue,
    Map<String, Double> maximumDoseMgPerKg,
    Map<String, Double> maximumDoseMg,
    @DefaultValue("33") int pcl5Cutoff,
    @DefaultValue("50") int responsePhq9DropPercent,
    @DefaultValue("5") int remissionPhq9Below,
    @DefaultValue("P30D") Duration weightValidFor) {

  /**
   * Per-route settings default here, and a configured route is added to the defaults rather than
   * replacing them: setting IM alone must not drop esketamine's REMS minimum.
   */
  public ClinicalProperties {
    minimumMonitoringMinutesByRoute = withDefaults(minimumMonitoringMinutesByRoute, Map.of("ESKETAMINE_NASAL", 120));
    maximumDoseMgPerKg = withDefaults(maximumDoseMgPerKg, Map.of("IV", 1.0, "IM", 1.0));
    maximumDoseMg = withDefaults(maximumDoseMg, Map.of("SUBLINGUAL", 400.0, "ESKETAMINE_NASAL", 84.0));
  }

  private static <V> Map<String, V> withDefaults(Map<String, V> configured, Map<String, V> defaults) {
    Map<String, V> merged = new HashMap<>(defaults);
    if (configured != null) {
      merged.putAll(configured);
    }
    return Map.copyOf(merged);
  }

  public TreatmentOutcome outcome(int baselinePhq9, int followUpPhq9) {
    return TreatmentOutcome.of(baselinePhq9, followUpPhq9, responsePhq9DropPercent, remissionPhq9Below);
  }

  public DoseLimits doseLimits() {
    return new DoseLimits(maximumDoseMgPerKg, maximumDoseMg);
  }

  public int minimumMonitoringMinutes(String route) {
    return minimumMonitoringMinutesByRoute.getOrDefault(route, minimumMonitoringMinutes);
  }
}
