package org.kapcare.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The clinic settings as the application binds them with nothing configured: CLINICAL.md's
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
  void aConfiguredRouteIsAddedToTheDefaultsNotInsteadOfThem() {
    ClinicalProperties clinic = bound("kapcare.clinical.minimum-monitoring-minutes-by-route.IM=90",
        "kapcare.clinical.maximum-dose-mg.SUBLINGUAL=300");
    assertThat(clinic.minimumMonitoringMinutes("IM")).isEqualTo(90);
    assertThat(clinic.minimumMonitoringMinutes("ESKETAMINE_NASAL")).isEqualTo(120);
    assertThat(clinic.doseLimits().check("SUBLINGUAL", 350, 5).field()).isEqualTo("doseMg");
    assertThat(clinic.doseLimits().check("ESKETAMINE_NASAL", 84.5, 1).field()).isEqualTo("doseMg");
  }

  @ParameterizedTest(name = "{0}: {1} mg, {2} mg/kg -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      IV               | 70    | 1.0   | within
      IV               | 71    | 1.01  | doseMgPerKg
      IM               | 70    | 1.0   | within
      IM               | 71    | 1.01  | doseMgPerKg
      SUBLINGUAL       | 400   | 5.7   | within
      SUBLINGUAL       | 400.5 | 5.7   | doseMg
      ESKETAMINE_NASAL | 84    | 1.2   | within
      ESKETAMINE_NASAL | 84.5  | 1.2   | doseMg
      """)
  void protocolMaxima(String route, double mg, double mgPerKg, String result) {
    DoseLimits.Excess excess = defaults().doseLimits().check(route, mg, mgPerKg);
    assertThat(excess == null ? "within" : excess.field()).isEqualTo(result);
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
}
