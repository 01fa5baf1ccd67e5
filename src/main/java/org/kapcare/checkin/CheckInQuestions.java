package org.kapcare.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.kapcare.clinic.Journeys;
import org.kapcare.clinic.Questionnaires;
import org.springframework.stereotype.Component;

/**
 * The questions a patient answers, read from the consultation form deployed with the care journey:
 * the same items, answer words and values the prescriber records at the consultation, so that a
 * check-in is scored exactly as the baseline. Only the headings are the patient's own words.
 */
@Component
public class CheckInQuestions {

  static final String FORM = "consultation.form";

  private static final String EVERY_DAY = "Over the last 2 weeks, how often have you been bothered by any of the following?";
  private static final Map<String, String[]> HEADINGS = Map.of(
      Questionnaires.PHQ9, new String[] {"Your mood", EVERY_DAY},
      Questionnaires.GAD7, new String[] {"Worry and nerves", EVERY_DAY},
      Questionnaires.PCL5, new String[] {"After a very stressful experience",
          "In the past month, how much were you bothered by each of these?"});

  public record Option(String value, String label) {}

  public record Question(String key, String text, List<Option> options) {}

  public record Section(String heading, String intro, List<Question> questions) {}

  private final RepositoryService repository;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<String, Section>> byDeployment = new ConcurrentHashMap<>();

  public CheckInQuestions(RepositoryService repository) {
    this.repository = repository;
  }

  /** The sections for these questionnaire prefixes, in their order. */
  public List<Section> sections(List<String> questionnaires) {
    ProcessDefinition journey = repository.createProcessDefinitionQuery()
        .processDefinitionKey(Journeys.CARE_JOURNEY).latestVersion().singleResult();
    Map<String, Section> all = byDeployment.computeIfAbsent(journey.getDeploymentId(), this::read);
    return questionnaires.stream().map(all::get).toList();
  }

  private Map<String, Section> read(String deploymentId) {
    String resource = repository.getDeploymentResourceNames(deploymentId).stream()
        .filter(name -> name.equals(FORM) || name.endsWith("/" + FORM))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("The care journey's deployment has no " + FORM));
    try (InputStream form = repository.getResourceAsStream(deploymentId, resource)) {
      JsonNode components = json.readTree(form).path("components");
      Map<String, Section> sections = new ConcurrentHashMap<>();
      HEADINGS.forEach((prefix, words) -> sections.put(prefix, new Section(words[0], words[1], questions(components, prefix))));
      return sections;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  private static List<Question> questions(JsonNode components, String prefix) {
    List<Question> questions = new ArrayList<>();
    for (JsonNode field : components) {
      if (field.path("key").asText().matches(prefix + "_\\d+")) {
        List<Option> options = new ArrayList<>();
        field.path("values").forEach(value -> options.add(new Option(value.path("value").asText(), value.path("label").asText())));
        // The PCL-5's items are numbered on the clinicians' form; the page numbers its own.
        questions.add(new Question(field.path("key").asText(), field.path("label").asText().replaceFirst("^\\d+\\.\\s*", ""),
            List.copyOf(options)));
      }
    }
    if (questions.isEmpty()) {
      throw new IllegalStateException(FORM + " has no " + prefix + " items");
    }
    return List.copyOf(questions);
  }
}
