package org.kapcare.clinical;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Clinic settings for the dose day (see docs/clinical.md). Defaults: 60 minutes of observation after
 * any dose, 120 after esketamine (Spravato REMS), the REMS monitoring form due 7 days after, and
 * the protocol maxima per route, a PCL-5 of 33 or more flagged as probable PTSD, response as a PHQ-9
 * fall of 50 % or more from baseline and remission as a PHQ-9 below 5, a weight taken again at the
 * pre-dose check once it is older than 30 days, vitals every 15 minutes during the observation of
 * IV and IM doses, and the REMS form step on (the REMS changes over time; a clinic can turn it off).
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
    @DefaultValue("P30D") Duration weightValidFor,
    Map<String, Duration> vitalsEveryByRoute,
    @DefaultValue("true") boolean remsMonitoringForm) {

  /**
   * Per-route settings default here, and a configured route is added to the defaults rather than
   * replacing them: setting IM alone must not drop esketamine's REMS minimum.
   */
  public ClinicalProperties {
    minimumMonitoringMinutesByRoute = withDefaults(minimumMonitoringMinutesByRoute, Map.of("ESKETAMINE_NASAL", 120));
    maximumDoseMgPerKg = withDefaults(maximumDoseMgPerKg, Map.of("IV", 1.0, "IM", 1.0));
    maximumDoseMg = withDefaults(maximumDoseMg, Map.of("SUBLINGUAL", 400.0, "ESKETAMINE_NASAL", 84.0));
    vitalsEveryByRoute = withDefaults(vitalsEveryByRoute, Map.of("IV", Duration.ofMinutes(15), "IM", Duration.ofMinutes(15)));
    vitalsEveryByRoute.forEach((route, every) -> {
      if (every.isNegative() || every.isZero()) {
        String property = "kapcare.clinical.vitals-every-by-route." + route;
        throw StartRefused.setting(property, property + " must be a positive duration such as PT15M, was " + every);
      }
    });
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

  /** How often vitals are due while a dose of this route is observed; empty when only at 40 minutes and the end. */
  public Optional<Duration> vitalsEvery(String route) {
    return Optional.ofNullable(vitalsEveryByRoute.get(route));
  }

  public int minimumMonitoringMinutes(String route) {
    return minimumMonitoringMinutesByRoute.getOrDefault(route, minimumMonitoringMinutes);
  }
}
