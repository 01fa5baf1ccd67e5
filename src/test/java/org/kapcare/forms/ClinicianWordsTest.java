package org.kapcare.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * What a clinician reads on a screen is in a clinician's words: every text, label, description and
 * option of every form, the name of every step, and what Tasklist shows of the models (a task's
 * description, the journey's) hold no developer's note: no variable or class names, no engine
 * terms. What a text shows of the patient's record ({@code {{phq9Score}}}) is filled in, not read.
 */
class ClinicianWordsTest {

  /** camelCase (a variable), a Java class name, Camunda's own terms, engine codes. */
  private static final Pattern DEVELOPER = Pattern.compile(
      "\\b[a-z]+[A-Z][A-Za-z0-9]*\\b|\\b[A-Z][a-z]+(?:[A-Z][a-z]+)+(?:Check|Exception|Service|Listener|Delegate)\\b"
          + "|(?i:business key|process instance|variable|execution|ENGINE-\\d+|\\bnull\\b)");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{[^}]*}}");
  /** Clinicians' own words that look like a developer's. */
  private static final Pattern CLINICAL = Pattern.compile("\\bmmHg\\b");

  @Test
  void everyFormSpeaksTheClinicsWords() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
        words(new ObjectMapper().readTree(form.toFile()).path("components"), form.getFileName().toString(), found);
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void everyStepAndWhatTasklistShowsOfTheModelsSpeaksTheClinicsWords() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> models = Files.list(Path.of("processes"))) {
      for (Path file : models.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        String where = file.getFileName().toString();
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
          check(where + " " + node.getId() + " name", node.getName(), found);
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
          for (Documentation documentation : task.getDocumentations()) {
            check(where + " " + task.getId() + " description", documentation.getTextContent(), found);
          }
        }
        for (Process process : model.getModelElementsByType(Process.class)) {
          check(where + " process name", process.getName(), found);
          for (Documentation documentation : process.getDocumentations()) {
            check(where + " process description", documentation.getTextContent(), found);
          }
        }
      }
    }
    assertThat(found).isEmpty();
  }

  private static void words(JsonNode components, String form, List<String> found) {
    for (JsonNode component : components) {
      String where = form + " " + component.path("id").asText();
      for (String shown : new String[] {"text", "label", "description", "dateLabel", "timeLabel", "placeholder"}) {
        check(where + " " + shown, component.path(shown).asText(null), found);
      }
      component.path("values").forEach(option -> check(where + " option", option.path("label").asText(null), found));
      words(component.path("components"), form, found);
    }
  }

  private static void check(String where, String text, List<String> found) {
    if (text == null) {
      return;
    }
    var developer = DEVELOPER.matcher(CLINICAL.matcher(TEMPLATE.matcher(text).replaceAll("")).replaceAll(""));
    while (developer.find()) {
      found.add(where + ": \"" + developer.group() + "\"");
    }
  }
}
