package org.kapcare.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kapcare.PackagedApp;
import org.kapcare.TestMailServer;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * What a newcomer sees: the packaged application started in its own JVM on a fresh H2 database,
 * as {@code ./mvnw spring-boot:run} starts it, writes its demo clinic; then every Tasklist filter
 * has work and Cockpit shows the heatmap and KPIs while the history is still being written. Its
 * screenshots are the ones in {@code docs/}, except Cockpit's there, which show the whole six months.
 */
class DemoClinicIT {

  private static final Duration START_UP = Duration.ofMinutes(8);
  @AutoClose
  private static PackagedApp app;

  @RegisterExtension
  static final Browser browser = Browser.at(() -> app.baseUrl());

  /** The clinic's mail server: patients' check-in links and the prescribers' alerts arrive here. */
  @RegisterExtension
  static final GreenMailExtension SMTP = TestMailServer.smtp().withPerMethodLifecycle(false);

  @BeforeAll
  static void startTheDemoClinic(@TempDir Path workingDirectory) throws Exception {
    List<String> arguments = new ArrayList<>(List.of(TestMailServer.arguments()));
    arguments.add("--kapcare.clinic.base-url=http://localhost:${server.port}");
    arguments.add("--kapcare.notify.group-addresses.prescribers=prescribers@clinic.example");
    app = PackagedApp.start("demo-clinic-it", workingDirectory, Map.of(), arguments.toArray(String[]::new));
    app.awaitLogLine("Started KapCareApplication", START_UP);
  }

  @Test
  void everyQueueInTasklistHasWork() throws Exception {
    for (String user : List.of("coordinator", "nurse", "prescriber", "therapist", "manager")) {
      for (JsonNode filter : get(user, "/engine-rest/filter?resourceType=Task&maxResults=50")) {
        if (!filter.get("name").asText().equals("My tasks")) {
          long count = get(user, "/engine-rest/filter/" + filter.get("id").asText() + "/count").get("count").asLong();
          assertThat(count).as(user + " sees work in " + filter.get("name").asText()).isPositive();
        }
      }
    }
    browser.logIn("tasklist", "coordinator");
    browser.click(By.partialLinkText("Care coordination queue"));
    browser.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tasks-list li.task")));
    browser.screenshot("tasklist-coordinators-queue");
  }

  @Test
  void cockpitShowsTheHeatmapAndTheKpis() throws Exception {
    // The queues are full once the app has started; the six months of history follow while it runs,
    // a tenth at a time. Cockpit must read the history as it grows, so the first tenth is enough (the
    // whole history, 5 minutes on 2 cores, is DemoClinicTest's, written in-process).
    app.awaitLogLine("journeys of the last six months written", START_UP);
    browser.logIn("cockpit", "manager");
    WebElement kpis = browser.visible(By.cssSelector("#kapcare-kpis[data-kapcare-loaded='true']"));
    // The missed windows are a page of their own, loaded after the KPIs.
    browser.visible(By.cssSelector("#kapcare-missed[data-kapcare-loaded='true']"));
    assertThat(kpis.findElements(By.cssSelector("#kapcare-kpi-missed tbody tr"))).as("missed windows").isNotEmpty();
    assertThat(kpis.findElement(By.cssSelector("#kapcare-kpi-missed tbody tr td:nth-child(3)")).getText())
        .as("when a window closed, as the clinic reads it").matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}");
    assertThat(browser.visible(By.id("kapcare-kpi-first-dose")).getText()).startsWith("Median");
    browser.scrollTo(kpis);
    browser.screenshot("cockpit-dashboard-kpis");
    browser.scrollTo(browser.visible(By.id("kapcare-kpi-trend")));
    browser.screenshot("cockpit-kpi-trend-and-chart");
    WebElement therapists = browser.visible(By.id("kapcare-kpi-therapists"));
    assertThat(therapists.getText()).as("the load by name").contains("Theo Therapist", "Sam Okafor", "Omar Haddad");
    browser.scrollTo(browser.visible(By.id("kapcare-missed")));
    browser.screenshot("cockpit-kpi-missed-windows");
    browser.scrollTo(browser.visible(By.id("kapcare-export-clinicians")));
    browser.screenshot("cockpit-kpi-clinicians");

    for (String processKey : List.of("care-journey", "dosing-session")) {
      browser.open("/camunda/app/cockpit/default/#/processes");
      browser.click(By.linkText(processKey));
      browser.visible(By.cssSelector("#kapcare-heatmap-panel[data-kapcare-loaded='true']"));
      List<WebElement> heat = browser.driver().findElements(By.cssSelector(".kapcare-heat"));
      assertThat(heat).as("activities coloured in " + processKey).hasSizeGreaterThan(8);
      // The figures a manager reads against the targets: time spent, with the booked waits apart.
      new Select(browser.visible(By.id("kapcare-heatmap-metric"))).selectByVisibleText("Average time spent");
      browser.visible(By.cssSelector(".kapcare-heat-booked"));
      browser.screenshot("cockpit-heatmap-" + processKey);
    }
  }

  /**
   * The promise, on the demo clinic as a newcomer runs it: a coordinator books a waiting
   * patient's dose for tomorrow, the check-in link reaches the patient's mailbox, the patient answers
   * on a phone with thoughts of self-harm on several days, and within seconds the prescribers have an
   * urgent safety review among the first of their queue and the new point on the patient's chart.
   */
  @Test
  void aPatientAnswersTheCheckInBeforeTomorrowsDoseOnTheirPhoneAndThePrescribersActAtOnce() throws Exception {
    JsonNode booking = get("coordinator", "/engine-rest/task?taskDefinitionKey=scheduleDosing&maxResults=1").get(0);
    String patientId = get("coordinator", "/engine-rest/process-instance/" + booking.get("processInstanceId").asText())
        .get("businessKey").asText();
    String email = get("coordinator", "/api/patients/" + patientId).get("patient").get("email").asText();
    String tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MINUTES).toString();
    post("coordinator", "/engine-rest/task/" + booking.get("id").asText() + "/claim", "{\"userId\":\"coordinator\"}");
    post("coordinator", "/engine-rest/task/" + booking.get("id").asText() + "/submit-form", "{\"variables\":{"
        + "\"dosingAt\":{\"value\":\"" + tomorrow + "\",\"type\":\"String\"},"
        + "\"rideHomeArranged\":{\"value\":true,\"type\":\"Boolean\"}}}");

    await().atMost(Duration.ofSeconds(90)).until(() -> checkInMail(email).isPresent());
    String mail = checkInMail(email).orElseThrow();
    Matcher link = Pattern.compile("http://localhost:\\d+/check-in/[A-Za-z0-9_-]{43}").matcher(mail);
    assertThat(link.find()).as(mail).isTrue();
    assertThat(mail).doesNotContain(patientId, "PHQ", "ketamine", "dose");

    browser.driver().manage().window().setSize(new Dimension(390, 844));
    browser.driver().get(link.group());
    assertThat(browser.visible(By.tagName("h1")).getText()).matches("Hello \\p{L}+, how have you been feeling\\?");
    browser.screenshot("patient-check-in-phone");
    for (WebElement question : browser.driver().findElements(By.cssSelector("input[type=radio][value='0']"))) {
      String item = question.getAttribute("name");
      String answer = item.equals("phq9_9") ? "1" : item.startsWith("phq9") ? "2" : "1";
      browser.click(By.cssSelector("label[for='" + item + "-" + answer + "']"));
    }
    browser.click(By.cssSelector("button[type=submit]"));
    assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo("Thank you");
    Instant answered = Instant.now();
    browser.screenshot("patient-check-in-thanks");

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> urgentReviewsFirstInQueue().contains("Urgent safety review — " + patientId));
    Duration toQueue = Duration.between(answered, Instant.now());
    await().atMost(Duration.ofSeconds(30)).until(() -> TestMailServer.mailTo(SMTP, "prescribers@clinic.example").stream()
        .anyMatch(alert -> subject(alert).contains(patientId)));
    System.out.printf("check-in answered; urgent safety review in the prescribers' queue after %d ms%n", toQueue.toMillis());

    browser.driver().manage().window().setSize(new Dimension(1440, 900));
    browser.logIn("tasklist", "prescriber");
    browser.click(By.partialLinkText("Prescriber queue"));
    browser.click(By.xpath("//li[contains(@class,'task')]//h4//a[contains(normalize-space(),'Urgent safety review — "
        + patientId + "')]"));
    assertThat(browser.visible(By.cssSelector(".fjs-form")).getText()).contains("Concern raised by the patient's check-in",
        "PHQ-9 item 9");
    browser.click(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Patient']"));
    WebElement phq9 = browser.visible(By.cssSelector("#kapcare-chart figure[data-scale='PHQ-9']"));
    assertThat(phq9.findElements(By.cssSelector("circle.kapcare-checkin-point"))).isNotEmpty();
    WebElement checkIns = browser.visible(By.id("kapcare-chart-checkins"));
    List<WebElement> rows = checkIns.findElements(By.cssSelector("tbody tr"));
    assertThat(rows.get(rows.size() - 1).getText()).contains("before dose", "(moderately severe)", "yes");
    browser.scrollTo(phq9);
    browser.screenshot("prescriber-check-in-on-chart");
  }

  /** The text of the check-in mail to {@code address}, once it has come. */
  private static Optional<String> checkInMail(String address) throws Exception {
    for (MimeMessage mail : TestMailServer.mailTo(SMTP, address)) {
      if (subject(mail).startsWith("How have you been feeling?")) {
        return Optional.of(text(mail));
      }
    }
    return Optional.empty();
  }

  private static String subject(MimeMessage mail) {
    try {
      return mail.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return (String) part.getContent();
    }
    StringBuilder text = new StringBuilder();
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        text.append(text(multipart.getBodyPart(i)));
      }
    }
    return text.toString();
  }

  /** The patients of the urgent (top-priority) tasks that lead the prescribers' queue, as their filter orders it. */
  private static List<String> urgentReviewsFirstInQueue() throws Exception {
    String queue = null;
    for (JsonNode filter : get("prescriber", "/engine-rest/filter?resourceType=Task&maxResults=50")) {
      if (filter.get("name").asText().equals("Prescriber queue")) {
        queue = filter.get("id").asText();
      }
    }
    List<String> urgent = new ArrayList<>();
    for (JsonNode task : post("prescriber", "/engine-rest/filter/" + queue + "/list?firstResult=0&maxResults=15", "{}")) {
      if (task.get("priority").asInt() < 100) {
        break;
      }
      urgent.add(task.get("name").asText());
    }
    return urgent;
  }

  private static JsonNode post(String user, String path, String json) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
        .uri(URI.create(app.baseUrl() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 204);
    return response.body().isEmpty() ? null : new ObjectMapper().readTree(response.body());
  }

  private static JsonNode get(String user, String path) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
        .uri(URI.create(app.baseUrl() + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
