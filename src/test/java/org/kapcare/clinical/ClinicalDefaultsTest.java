package org.kapcare.clinical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The clinic settings as the application binds them with nothing configured: docs/clinical.md's
 * defaults, pinned on both sides of each edge, so a moved default fails here.
 */
class ClinicalDefaultsTest {

  @EnableConfigurationProperties(ClinicalProperties.class)
  static class SettingsOnly {
  }

  private static ClinicalProperties defaults() {
    return bound();
  }

  private static ClinicalProperties bound(String... properties) {
    ClinicalProperties[] bound = new ClinicalProperties[1];
    new ApplicationContextRunner().withConfiguration(UserConfigurations.of(SettingsOnly.class)).withPropertyValues(properties)
        .run(context -> bound[0] = context.getBean(ClinicalProperties.class));
    return bound[0];
  }

  @Test
  void responseAndRemissionAreSettings() {
    assertThat(defaults().outcome(20, 10)).isEqualTo(new TreatmentOutcome(-10, true, false));
    ClinicalProperties clinic = bound("kapcare.clinical.response-phq9-drop-percent=60", "kapcare.clinical.remission-phq9-below=8");
    assertThat(clinic.outcome(20, 10)).isEqualTo(new TreatmentOutcome(-10, false, false));
    assertThat(clinic.outcome(20, 7)).isEqualTo(new TreatmentOutcome(-13, true, true));
  }

  @Test
  void aConfiguredRouteIsAddedToTheDefaultsNotInsteadOfThem() {
    ClinicalProperties clinic = bound("kapcare.clinical.minimum-monitoring-minutes-by-route.IM=90",
        "kapcare.clinical.maximum-dose-mg.SUBLINGUAL=300");
    assertThat(clinic.minimumMonitoringMinutes("IM")).isEqualTo(90);
    assertThat(clinic.minimumMonitoringMinutes("ESKETAMINE_NASAL")).isEqualTo(120);
    assertThat(clinic.doseLimits().check("SUBLINGUAL", 350, 70)).isNotNull();
    assertThat(clinic.doseLimits().check("ESKETAMINE_NASAL", 84.5, 70)).isNotNull();
  }

  /** mg/kg is computed from the dose and the weight: at each route's maximum, and just over it. */
  @ParameterizedTest(name = "{0}: {1} mg for {2} kg -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      IV               | 70    | 70   | within
      IV               | 70.1  | 70   | 70.1 mg for 70 kg is 1.00 mg/kg, above the protocol maximum of 1 mg/kg for IV
      IV               | 150   | 70   | 150 mg for 70 kg is 2.14 mg/kg, above the protocol maximum of 1 mg/kg for IV
      IV               | 61.3  | 61.3 | within
      IM               | 68    | 68   | within
      IM               | 90    | 68   | 90 mg for 68 kg is 1.32 mg/kg, above the protocol maximum of 1 mg/kg for IM
      SUBLINGUAL       | 400   | 52   | within
      SUBLINGUAL       | 400.5 | 120  | 400.5 mg is above the protocol maximum of 400 mg for sublingual
      ESKETAMINE_NASAL | 84    | 40   | within
      ESKETAMINE_NASAL | 84.5  | 90   | 84.5 mg is above the protocol maximum of 84 mg for esketamine
      """)
  void protocolMaxima(String route, double mg, double weightKg, String result) {
    DoseLimits.Excess excess = defaults().doseLimits().check(route, mg, weightKg);
    assertThat(excess == null ? "within" : excess.description()).isEqualTo(result);
  }

  @ParameterizedTest(name = "{0} needs {1} minutes")
  @CsvSource({"ESKETAMINE_NASAL,120", "IV,60", "IM,60", "SUBLINGUAL,60"})
  void minimumObservation(String route, int minutes) {
    assertThat(defaults().minimumMonitoringMinutes(route)).isEqualTo(minutes);
  }

  @ParameterizedTest(name = "REMS form {0}, PCL-5 cut-off {1}")
  @CsvSource({"P7D,33"})
  void remsDueDateAndPtsdCutOff(Duration remsDue, int cutOff) {
    ClinicalProperties clinic = defaults();
    assertThat(clinic.remsFormDue()).isEqualTo(remsDue);
    assertThat(clinic.pcl5Cutoff()).isEqualTo(cutOff);
  }

  /** IV and IM vitals every 15 minutes; esketamine and lozenges at the peak and the end only. */
  @ParameterizedTest(name = "{0}: vitals every {1}")
  @CsvSource(delimiter = '|', textBlock = """
      IV               | PT15M
      IM               | PT15M
      SUBLINGUAL       |
      ESKETAMINE_NASAL |
      """)
  void vitalsInterval(String route, Duration every) {
    assertThat(defaults().vitalsEvery(route)).isEqualTo(Optional.ofNullable(every));
  }

  @Test
  void aClinicSetsItsOwnVitalsIntervalAndMayTurnTheRemsStepOff() {
    ClinicalProperties clinic = bound("kapcare.clinical.vitals-every-by-route.IV=PT10M",
        "kapcare.clinical.vitals-every-by-route.ESKETAMINE_NASAL=PT30M", "kapcare.clinical.rems-monitoring-form=false");
    assertThat(clinic.vitalsEvery("IV")).contains(Duration.ofMinutes(10));
    assertThat(clinic.vitalsEvery("IM")).contains(Duration.ofMinutes(15));
    assertThat(clinic.vitalsEvery("ESKETAMINE_NASAL")).contains(Duration.ofMinutes(30));
    assertThat(clinic.remsMonitoringForm()).isFalse();
    assertThat(defaults().remsMonitoringForm()).isTrue();
  }

  @Test
  void anIntervalOfNothingIsRefusedByName() {
    assertThatThrownBy(() -> new ClinicalProperties(60, null, Duration.ofDays(7), null, null, 33, 50, 5, Duration.ofDays(30),
        Map.of("IM", Duration.ZERO), true))
        .isInstanceOf(StartRefused.class)
        .hasMessage("kapcare.clinical.vitals-every-by-route.IM must be a positive duration such as PT15M, was PT0S");
  }
}
