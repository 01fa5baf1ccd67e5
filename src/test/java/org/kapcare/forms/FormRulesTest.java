package org.kapcare.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcare.clinic.ClinicProperties;

/** The server's reading of a form's conditions: a field is checked exactly when the submission shows it. */
class FormRulesTest {

  private static final ClinicProperties UTC = clinicIn("UTC");

  private static ClinicProperties clinicIn(String zone) {
    return new ClinicProperties(ZoneId.of(zone), "KAP Care clinic", null, "http://localhost:8080", 2);
  }

  @AfterEach
  void realClock() {
    ClockUtil.reset();
  }

  /**
   * A booking is today or later in the clinic's zone, whatever the server's: at 22:00 on 22 November
   * in New York (03:00 UTC on the 23rd) 15:00 that day is earlier today there, and yesterday in UTC.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      America/New_York | 2026-11-22T20:00Z | today
      America/New_York | 2026-11-21T23:00Z | Booked for cannot be before today; Sat 21 Nov 2026, 18:00 (GMT-05:00) has passed
      UTC              | 2026-11-22T20:00Z | Booked for cannot be before today; Sun 22 Nov 2026, 20:00 (UTC) has passed
      UTC              | 2026-11-23T00:00Z | today
      UTC              | 2026-12-24T09:00Z | today
      """)
  void aBookingIsTodayOrLaterInTheClinicsZone(String zone, String at, String result) throws Exception {
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T03:00:00Z")));
    FormRules form = new FormRules(new ObjectMapper().readTree("""
        {"components": [{"type": "datetime", "subtype": "datetime", "key": "bookedAt", "dateLabel": "Booked for",
          "disallowPassedDates": true, "validate": {"required": true}}]}"""), clinicIn(zone));

    if (result.equals("today")) {
      assertThatCode(() -> form.check(Map.of("bookedAt", at))).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> form.check(Map.of("bookedAt", at))).hasMessage(result + " (field bookedAt)");
    }
  }

  /** What a text shows is part of what the form shows: plainly, and when it shows it only if set. */
  @Test
  void aTextShowsTheVariablesItNamesAndThoseItShowsOnlyWhenSet() throws Exception {
    FormRules form = new FormRules(new ObjectMapper().readTree("""
        {"components": [{"type": "text", "text": "{{ patientName }}{{#if safetyConcern}} raised by {{safetyConcernRaisedBy}}{{/if}}"}]}"""),
        UTC);

    assertThat(form.shownVariables())
        .containsExactlyInAnyOrder("patientName", "safetyConcern", "safetyConcernRaisedBy");
  }

  private static FormRules rules(String hide) throws Exception {
    return new FormRules(new ObjectMapper().readTree("""
        {"components": [
          {"type": "radio", "key": "nextStep", "values": [{"value": "maintenance"}, {"value": "discharge"}]},
          {"type": "number", "key": "doses", "label": "Doses", "validate": {"required": true, "min": 1, "max": 12},
           "conditional": {"hide": "%s"}}
        ]}""".formatted(hide.replace("\"", "\\\""))), UTC);
  }

  @Test
  void aFieldShownForOneAnswerIsRequiredForItAndAValueSentForItIsCheckedAnyway() throws Exception {
    FormRules form = rules("=nextStep != \"maintenance\"");

    assertThatThrownBy(() -> form.check(Map.of("nextStep", "maintenance")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Doses is required");
    assertThatThrownBy(() -> form.check(Map.of("nextStep", "maintenance", "doses", 13)))
        .hasMessageContaining("must be from 1 to 12");
    assertThatCode(() -> form.check(Map.of("nextStep", "discharge"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> form.check(Map.of("nextStep", "discharge", "doses", 999))).as("hidden, but sent")
        .hasMessageContaining("must be from 1 to 12");
  }

  /** Hidden while a box is ticked ("observe on" at the discharge check): left out, the box hides nothing. */
  @Test
  void aFieldHiddenWhileABoxIsTickedIsRequiredUnlessItIs() throws Exception {
    FormRules form = rules("=observeOn");

    assertThatThrownBy(() -> form.check(Map.of())).hasMessageContaining("Doses is required");
    assertThatThrownBy(() -> form.check(Map.of("observeOn", false))).hasMessageContaining("Doses is required");
    assertThatCode(() -> form.check(Map.of("observeOn", true))).doesNotThrowAnyException();
    assertThatThrownBy(() -> form.check(Map.of("observeOn", true, "doses", 0))).as("hidden, but sent")
        .hasMessageContaining("must be from 1 to 12");
  }

  @Test
  void aFieldShownByATickIsCheckedOnlyWhenTicked() throws Exception {
    FormRules form = rules("=not(override)");

    assertThatThrownBy(() -> form.check(Map.of("override", true))).hasMessageContaining("Doses is required");
    assertThatCode(() -> form.check(Map.of("override", false))).doesNotThrowAnyException();
  }

  @Test
  void aConditionTheServerCannotReadIsRefusedWhenTheFormIsRead() {
    assertThatThrownBy(() -> rules("=doses > 3 and nextStep = \"x\""))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not understood");
  }
}
