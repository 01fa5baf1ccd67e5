package org.kapcare.notification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.PatientLinks;
import org.kapcare.forms.FormValues;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The words of each notification: {@code <template>.<audience>.txt} and {@code .html} in
 * {@code kapcare.notify.templates}, Mustache, where audience is {@code patient} or {@code staff}.
 * The text file's first line is {@code Subject: ...}. A template that names a fact it is not
 * given fails loudly rather than mailing a blank, which also keeps clinical facts out of patient
 * mails: they are never given any.
 */
@Component
public class NotificationTemplates {

  public static final String PATIENT = "patient";
  public static final String STAFF = "staff";

  private static final String SUBJECT = "Subject:";

  private final ResourceLoader resources;
  private final ClinicProperties clinic;
  private final String location;
  private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false);
  private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true);
  private final Map<String, Template> compiled = new ConcurrentHashMap<>();

  public NotificationTemplates(ResourceLoader resources, NotificationProperties settings, ClinicProperties clinic) {
    this.resources = resources;
    this.clinic = clinic;
    this.location = settings.templates().endsWith("/") ? settings.templates() : settings.templates() + "/";
  }

  public static String audience(String recipient) {
    return PATIENT.equals(recipient) ? PATIENT : STAFF;
  }

  /** The notification in the words for {@code recipient} ({@code patient} or a staff group). */
  public RenderedMessage render(Notification notification, String recipient) {
    String audience = audience(recipient);
    return render(notification.template(), audience, facts(audience, notification));
  }

  /**
   * What the words may use. Patients get their name, the clinic's and the appointment; staff get the
   * patient's id and the times they must act by. Nobody gets scores, reasons or diagnoses by mail.
   * A patient's {@code link} is minted only when the mail goes (see {@link PatientLinks}).
   */
  private Map<String, Object> facts(String audience, Notification notification) {
    Map<String, Object> journey = notification.journey();
    Map<String, Object> facts = new HashMap<>();
    facts.put("clinicName", clinic.name());
    putTime(facts, journey, "dosingAt");
    if (PATIENT.equals(audience)) {
      putIfPresent(facts, "patientName", journey.get("patientName"));
      putIfPresent(facts, "session", journey.get("session"));
      putTime(facts, journey, "sessionAt");
      putIfPresent(facts, "clinicPhone", clinic.phone());
      facts.put("link", PatientLinks.PLACEHOLDER);
    } else {
      facts.put("patientId", notification.patientId());
      facts.put("tasklistUrl", clinic.tasklistUrl());
      putTime(facts, journey, "integrationDeadline");
    }
    return facts;
  }

  private void putTime(Map<String, Object> facts, Map<String, Object> journey, String name) {
    if (journey.get(name) != null) {
      facts.put(name, clinic.readable(FormValues.instant(journey, name)));
    }
  }

  private static void putIfPresent(Map<String, Object> facts, String name, Object value) {
    if (value != null && !value.toString().isBlank()) {
      facts.put(name, value);
    }
  }

  private RenderedMessage render(String template, String audience, Map<String, Object> facts) {
    String text = template(template + "." + audience + ".txt", plain).execute(facts);
    if (!text.startsWith(SUBJECT)) {
      throw new IllegalStateException("Notification template " + template + "." + audience
          + ".txt must start with a \"Subject:\" line");
    }
    int endOfSubject = text.indexOf('\n');
    String subject = text.substring(SUBJECT.length(), endOfSubject < 0 ? text.length() : endOfSubject).trim();
    String body = endOfSubject < 0 ? "" : text.substring(endOfSubject + 1).strip() + "\n";
    return new RenderedMessage(subject, body, template(template + "." + audience + ".html", html).execute(facts));
  }

  /** Whether the clinic has words for this template and audience. */
  public boolean exists(String template, String audience) {
    return resource(template + "." + audience + ".txt").exists() && resource(template + "." + audience + ".html").exists();
  }

  private Template template(String file, Mustache.Compiler compiler) {
    return compiled.computeIfAbsent(file, name -> {
      Resource resource = resource(name);
      if (!resource.exists()) {
        throw new IllegalStateException("No notification template " + location + name);
      }
      try {
        return compiler.compile(resource.getContentAsString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read notification template " + location + name, e);
      }
    });
  }

  private Resource resource(String file) {
    return resources.getResource(location + file);
  }
}
