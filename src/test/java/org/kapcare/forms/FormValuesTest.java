package org.kapcare.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers and date-times as every step reads them: strictly, and the same way whoever sent them. */
class FormValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "0x1p3", "70d", "1f", "1e999", "", " ", "7O", "1,5", "--1"})
  void isNoNumber(String text) {
    assertThatThrownBy(() -> FormValues.number("weightKg", text))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be a number");
  }

  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void aNonFiniteDoubleIsNoNumber(double value) {
    assertThatThrownBy(() -> FormValues.number("weightKg", value)).isInstanceOf(InvalidInputException.class);
  }

  @ParameterizedTest
  @CsvSource({"70, 70", "70.5, 70.5", "-1, -1", "+2, 2", "1e2, 100", "' 72 ', 72"})
  void isANumber(String text, double expected) {
    assertThat(FormValues.number("weightKg", text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "2026-12-07T10:00Z, 2026-12-07T10:00:00Z",
      "2026-12-07T10:00:00+01:00, 2026-12-07T09:00:00Z",
      "2026-12-07T10:00:00.000+0000, 2026-12-07T10:00:00Z",
      "2026-12-07T10:00:00.000-0500, 2026-12-07T15:00:00Z",
      "2028-02-29T23:59:59.999Z, 2028-02-29T23:59:59.999Z"})
  void readsIsoAndCamundasRestFormatAlike(String text, String instant) {
    assertThat(FormValues.instant("dosingAt", text)).isEqualTo(Instant.parse(instant));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-a-date", "2026-13-45T99:99:99", "2026-13-45T10:00Z", "2026-02-30T10:00Z",
      "2027-02-29T10:00Z", "2026-12-07T24:00Z", "2026-12-07T10:00", "2026-12-07", "07/12/2026 10:00",
      "2026-12-07T10:00:00.000+0000x", "2026-12-07T10:00:00.000+2500"})
  void refusesWhatIsNoDateTimeOrHasNoZone(String text) {
    assertThatThrownBy(() -> FormValues.instant("dosingAt", text))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be a date and time");
  }

  @ParameterizedTest
  @CsvSource({
      "2026-12-07T10:00Z, 2026-12-07T10:00Z",
      "2026-12-07T10:00:00+01:00, 2026-12-07T10:00:00+01:00",
      "2026-12-07T10:00:00.000+0000, 2026-12-07T10:00:00Z",
      "2026-12-07T10:00:00.000-0500, 2026-12-07T15:00:00Z"})
  void keepsIsoAsSentAndTurnsCamundasRestFormatIntoIso(String text, String kept) {
    assertThat(FormValues.isoDateTime("dosingAt", text)).isEqualTo(kept);
  }
}
