package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kapcare.journey.InvalidInputException;

/** The server's reading of a form's conditions: a field is checked exactly when the submission shows it. */
class FormRulesTest {

  private static FormRules rules(String hide) throws Exception {
    return new FormRules(new ObjectMapper().readTree("""
        {"components": [
          {"type": "radio", "key": "nextStep", "values": [{"value": "maintenance"}, {"value": "discharge"}]},
          {"type": "number", "key": "doses", "label": "Doses", "validate": {"required": true, "min": 1, "max": 12},
           "conditional": {"hide": "%s"}}
        ]}""".formatted(hide.replace("\"", "\\\""))));
  }

  @Test
  void aFieldShownForOneAnswerIsCheckedForItAndSkippedOtherwise() throws Exception {
    FormRules form = rules("=nextStep != \"maintenance\"");

    assertThatThrownBy(() -> form.check(Map.of("nextStep", "maintenance")))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("Doses is required");
    assertThatThrownBy(() -> form.check(Map.of("nextStep", "maintenance", "doses", 13)))
        .hasMessageContaining("must be from 1 to 12");
    assertThatCode(() -> form.check(Map.of("nextStep", "discharge"))).doesNotThrowAnyException();
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
