package org.kapcare.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The clinic's targets: the protocol's defaults, a clinic's own over them, and settings refused in words. */
class InsightTargetsTest {

  private static InsightTargets targets(Map<String, String> steps) {
    return new InsightTargets(steps, List.of("consultation"), 0.1, 0.9);
  }

  @Test
  void theProtocolsTargetsHoldUnlessTheClinicSetsItsOwn() {
    InsightTargets defaults = targets(Map.of());
    assertThat(defaults.byDueDate("integrationSession")).isTrue();
    assertThat(defaults.byDueDate("submitRemsMonitoringForm")).isTrue();
    assertThat(defaults.byDueDate("urgentSafetyReview")).isTrue();
    assertThat(defaults.byDueDate("scheduleDosing")).isTrue();
    assertThat(defaults.staffTime("consultation")).isEqualTo(Duration.ofHours(4));
    assertThat(defaults.staffTime("medicalClearance")).isEqualTo(Duration.ofDays(14));
    assertThat(defaults.staffTime("aStepOfAClinicsOwnModel")).isNull();

    InsightTargets own = targets(Map.of("consultation", "P1D", "medicalClearance", "none", "scheduleDosing", "PT8H"));
    assertThat(own.staffTime("consultation")).isEqualTo(Duration.ofDays(1));
    assertThat(own.staffTime("medicalClearance")).isNull();
    assertThat(own.byDueDate("medicalClearance")).isFalse();
    assertThat(own.byDueDate("scheduleDosing")).isFalse();
    assertThat(own.staffTime("scheduleDosing")).isEqualTo(Duration.ofHours(8));
  }

  @Test
  void aTargetThatIsNoDurationIsRefusedAtStartUpInWords() {
    for (String bad : List.of("4 hours", "PT0S", "-PT4H", "due", "'; DROP TABLE ACT_HI_TASKINST; --")) {
      assertThatThrownBy(() -> targets(Map.of("medicalClearance", bad))).isInstanceOf(StartRefused.class)
          .hasMessage("kapcare.insight.steps.medicalClearance must be due-date, none or a duration such as PT4H or P2D, was "
              + bad);
    }
  }

  @Test
  void sharesOutsideZeroToOneAreRefused() {
    assertThatThrownBy(() -> new InsightTargets(Map.of(), List.of(), 1.0, 0.9)).isInstanceOf(StartRefused.class)
        .hasMessageContaining("tolerated-share-over-target must be from 0 up to (not including) 1, was 1.0");
    assertThatThrownBy(() -> new InsightTargets(Map.of(), List.of(), 0.1, 0))
        .hasMessageContaining("integration-in-window must be above 0 and at most 1, was 0.0");
    assertThatThrownBy(() -> new InsightTargets(Map.of(), List.of(), Double.NaN, 0.9)).hasMessageContaining("was NaN");
  }

  @Test
  void targetsReadAsAClinicWritesThem() {
    assertThat(TaskTimesQuery.words(Duration.ofHours(4))).isEqualTo("4 h");
    assertThat(TaskTimesQuery.words(Duration.ofDays(1))).isEqualTo("1 day");
    assertThat(TaskTimesQuery.words(Duration.ofDays(14))).isEqualTo("14 days");
    assertThat(TaskTimesQuery.words(Duration.ofMinutes(90))).isEqualTo("90 min");
    assertThat(TaskTimesQuery.words(Duration.ofHours(36))).isEqualTo("36 h");
  }

  /** As a clinic writes them: in application.yaml with the model's ids, or as environment variables in capitals. */
  @Test
  void settingsBindFromYamlNamesAndFromEnvironmentVariables() {
    InsightTargets yaml = bind(Map.of("kapcare.insight.steps.medicalClearance", "P7D",
        "kapcare.insight.steps[dischargeSummary]", "none", "kapcare.insight.tolerated-share-over-target", "0.05"));
    assertThat(yaml.staffTime("medicalClearance")).isEqualTo(Duration.ofDays(7));
    assertThat(yaml.staffTime("dischargeSummary")).isNull();
    assertThat(yaml.toleratedShareOverTarget()).isEqualTo(0.05);
    assertThat(yaml.waitsForAppointment("integrationSession")).isTrue();

    InsightTargets environment = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("systemEnvironment",
        Map.of("KAPCARE_INSIGHT_STEPS_MEDICALCLEARANCE", "P3D")))).bindOrCreate("kapcare.insight", InsightTargets.class);
    assertThat(environment.staffTime("medicalClearance")).isEqualTo(Duration.ofDays(3));
  }

  private static InsightTargets bind(Map<String, String> properties) {
    return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("kapcare.insight", InsightTargets.class);
  }
}
