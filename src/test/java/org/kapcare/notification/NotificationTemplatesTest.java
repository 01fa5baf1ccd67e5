package org.kapcare.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.samskivert.mustache.MustacheException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kapcare.clinic.ClinicProperties;
import org.springframework.core.io.DefaultResourceLoader;

/** The words of the notifications, and what each reader may and may not be told. */
class NotificationTemplatesTest {

  private static final ClinicProperties CLINIC =
      new ClinicProperties(ZoneId.of("Europe/London"), "Riverside KAP Clinic", null, "https://kap.example/", 2);

  private static NotificationProperties settings(String templates, Map<String, String> groupAddresses) {
    return new NotificationProperties(groupAddresses, "KAP Care <no-reply@kap.example>", templates,
        Duration.ofSeconds(5), 100, Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofDays(1), false);
  }

  private static NotificationTemplates templates(String location) {
    return new NotificationTemplates(new DefaultResourceLoader(), settings(location, Map.of()), CLINIC);
  }

  /** A journey's variables, clinical ones included, as the delegate could hand them over. */
  private static Notification notification(String template) {
    Map<String, Object> journey = new HashMap<>();
    journey.put("patientName", "Alex <Example>");
    journey.put("patientEmail", "alex@example.org");
    journey.put("dosingAt", "2026-11-24T09:00:00Z");
    journey.put("integrationDeadline", "2026-11-26T12:00:00Z");
    journey.put("eligibilityReasons", "Uncontrolled hypertension");
    journey.put("phq9Score", 19);
    return new Notification(template, List.of("patient"), "pi", "ai", "K-0042", journey);
  }

  @Test
  void patientMailsGreetByNameInTheClinicsTimeAndNameNoIdOrClinicalFact() {
    RenderedMessage message = templates("classpath:/notifications/").render(notification("pre-dose-instructions"), "patient");

    assertThat(message.subject()).isEqualTo("Getting ready for your session on Tue 24 Nov 2026, 09:00 (GMT)");
    assertThat(message.text()).startsWith("Dear Alex <Example>,").contains("Riverside KAP Clinic")
        .doesNotContain("K-0042", "hypertension", "19", "call us on");
    assertThat(message.html()).contains("Dear Alex &lt;Example&gt;,").doesNotContain("<Example>");
  }

  @Test
  void staffMailsNameThePatientByIdAndLinkToTasklist() {
    RenderedMessage message = templates("classpath:/notifications/")
        .render(notification("integration-window-missed"), "managers");

    assertThat(message.subject()).isEqualTo("Integration window missed for K-0042");
    assertThat(message.text()).contains("closed at Thu 26 Nov 2026, 12:00 (GMT)",
        "https://kap.example/camunda/app/tasklist/").doesNotContain("Alex", "hypertension");
  }

  @Test
  void aPatientTemplateThatNamesAClinicalFactCannotBeSent(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("leaky.patient.txt"), "Subject: Your result\nYou were refused for {{eligibilityReasons}}.");
    Files.writeString(folder.resolve("leaky.patient.html"), "<p>{{eligibilityReasons}}</p>");

    assertThatThrownBy(() -> templates(folder.toUri().toString()).render(notification("leaky"), "patient"))
        .isInstanceOf(MustacheException.class).hasMessageContaining("eligibilityReasons");
  }

  @Test
  void aTemplateWithoutItsSubjectLineOrFileIsAnError(@TempDir Path folder) throws IOException {
    Files.writeString(folder.resolve("nosubject.staff.txt"), "Patient {{patientId}}");
    Files.writeString(folder.resolve("nosubject.staff.html"), "<p>{{patientId}}</p>");
    NotificationTemplates own = templates(folder.toUri().toString());

    assertThatThrownBy(() -> own.render(notification("nosubject"), "managers")).hasMessageContaining("Subject:");
    assertThatThrownBy(() -> own.render(notification("absent"), "managers")).hasMessageContaining("absent.staff.txt");
    assertThat(own.exists("nosubject", "staff")).isTrue();
    assertThat(own.exists("nosubject", "patient")).isFalse();
  }

  @Test
  void aMistypedStaffAddressStopsStartUpNamingTheSetting() {
    assertThatThrownBy(() -> settings("classpath:/notifications/", Map.of("managers", "lead at clinic")))
        .hasMessageContaining("kapcare.notify.group-addresses.managers").hasMessageContaining("lead at clinic");
    assertThat(settings("classpath:/notifications/", Map.of("managers", "lead@clinic.example")).groupAddress("managers"))
        .isEqualTo("lead@clinic.example");
  }
}
