package org.kapcare.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.kapcare.clinic.StartRefused;

class DemoPropertiesTest {

  @Test
  void aNegativeNumberOfJourneysIsRefused() {
    assertThatThrownBy(() -> new DemoProperties(true, -1, 40, 1, 2)).isInstanceOf(StartRefused.class)
        .hasMessageContaining("kapcare.demo.finished-journeys cannot be negative, was -1");
    assertThatThrownBy(() -> new DemoProperties(true, 300, -5, 1, 2)).isInstanceOf(StartRefused.class)
        .hasMessageContaining("kapcare.demo.running-journeys cannot be negative, was -5");
  }

  @Test
  void theDemoNeedsAtLeastOneWriter() {
    assertThatThrownBy(() -> new DemoProperties(true, 300, 40, 1, 0)).isInstanceOf(StartRefused.class)
        .hasMessageContaining("kapcare.demo.writers must be at least 1, was 0");
  }
}
