package org.kapcare.checkin;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kapcare.clinic.StartRefused;

/** The check-in settings a clinic may get wrong are refused at start, naming the property. */
class CheckInPropertiesTest {

  private static CheckInProperties with(Duration linkValidFor, Duration minimumGap, int triesPerLink) {
    return new CheckInProperties(true, Duration.ofDays(1), Duration.ofDays(7), minimumGap, linkValidFor, triesPerLink, 50,
        Duration.ofMinutes(10), null);
  }

  @Test
  void aLinkThatNeverWorksIsRefused() {
    assertThatThrownBy(() -> with(Duration.ZERO, Duration.ofDays(3), 20)).isInstanceOf(StartRefused.class)
        .hasMessage("kapcare.check-in.link-valid-for must be positive, not PT0S");
  }

  @Test
  void aNegativeGapOrNoTriesAreRefused() {
    assertThatThrownBy(() -> with(Duration.ofDays(3), Duration.ofDays(-1), 20)).isInstanceOf(StartRefused.class)
        .hasMessageContaining("kapcare.check-in.minimum-gap");
    assertThatThrownBy(() -> with(Duration.ofDays(3), Duration.ofDays(3), 0)).isInstanceOf(StartRefused.class)
        .hasMessageContaining("tries-per-link");
  }
}
