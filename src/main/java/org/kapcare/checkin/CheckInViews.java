package org.kapcare.checkin;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import jakarta.servlet.http.HttpServletResponse;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kapcare.clinic.ClinicProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The check-in pages in the patient's words ({@code classpath:/check-in/*.html}, Mustache, every
 * value escaped). They carry no script, and their headers keep them out of frames, caches and
 * other sites' referrer logs, since the address holds the patient's link.
 */
@Component
class CheckInViews {

  private final ClinicProperties clinic;
  private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true)
      .withLoader(name -> new InputStreamReader(new ClassPathResource("check-in/" + name + ".html").getInputStream(),
          StandardCharsets.UTF_8));
  private final Map<String, Template> templates = new ConcurrentHashMap<>();

  CheckInViews(ClinicProperties clinic) {
    this.clinic = clinic;
  }

  void secure(HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self';"
        + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  }

  String questions(CheckIns.Open open) {
    return questions(open, new CheckIns.Submission(false, Map.of(), List.of(), null));
  }

  String questions(CheckIns.Open open, CheckIns.Submission sent) {
    Map<String, Object> page = clinic();
    putIfPresent(page, "firstName", open.firstName());
    putIfPresent(page, "problem", sent.problem());
    List<Map<String, Object>> sections = new ArrayList<>();
    int number = 0;
    for (CheckInQuestions.Section section : open.sections()) {
      List<Map<String, Object>> questions = new ArrayList<>();
      for (CheckInQuestions.Question question : section.questions()) {
        number++;
        List<Map<String, Object>> options = new ArrayList<>();
        for (CheckInQuestions.Option option : question.options()) {
          options.add(Map.of("id", question.key() + "-" + option.value(), "value", option.value(),
              "label", option.label(), "checked", option.value().equals(sent.answers().get(question.key()))));
        }
        questions.add(Map.of("number", number, "key", question.key(), "text", question.text(),
            "missing", sent.unanswered().contains(question.key()), "options", options));
      }
      sections.add(Map.of("heading", section.heading(), "intro", section.intro(), "questions", questions));
    }
    page.put("sections", sections);
    return render("questions", page);
  }

  String thanks() {
    return render("thanks", clinic());
  }

  String invalid() {
    return render("invalid", clinic());
  }

  String busy() {
    return render("busy", clinic());
  }

  private Map<String, Object> clinic() {
    Map<String, Object> page = new HashMap<>();
    page.put("clinicName", clinic.name());
    putIfPresent(page, "clinicPhone", clinic.phone());
    return page;
  }

  /** A missing fact leaves its section out; a null one would fail the template. */
  private static void putIfPresent(Map<String, Object> page, String name, String value) {
    if (value != null && !value.isBlank()) {
      page.put(name, value);
    }
  }

  private String render(String name, Map<String, Object> page) {
    return templates.computeIfAbsent(name, compiler::loadTemplate).execute(page);
  }
}
