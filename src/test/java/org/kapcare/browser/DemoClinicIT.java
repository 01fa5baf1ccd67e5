package org.kapcare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.kapcare.PackagedApp;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What a newcomer sees: the packaged application started in its own JVM on a fresh H2 database,
 * as {@code ./mvnw spring-boot:run} starts it, writes its demo clinic; then every Tasklist filter
 * has work and Cockpit shows the heatmap and KPIs. Its screenshots are the ones in {@code docs/}.
 */
class DemoClinicIT {

  private static final Duration START_UP = Duration.ofMinutes(8);
  @AutoClose
  private static PackagedApp app;

  @RegisterExtension
  static final Browser browser = Browser.at(() -> app.baseUrl());

  @BeforeAll
  static void startTheDemoClinic(@TempDir Path workingDirectory) throws Exception {
    app = PackagedApp.start("demo-clinic-it", workingDirectory, Map.of());
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
    // The queues are full once the app has started; the six months of history follow while it runs.
    app.awaitLogLine("Demo clinic ready", START_UP);
    browser.logIn("cockpit", "manager");
    WebElement kpis = browser.visible(By.cssSelector("#kapcare-kpis[data-kapcare-loaded='true']"));
    assertThat(kpis.findElements(By.cssSelector("#kapcare-kpi-missed tbody tr"))).as("missed windows").isNotEmpty();
    assertThat(kpis.findElement(By.cssSelector("#kapcare-kpi-missed tbody tr td:nth-child(3)")).getText())
        .as("when a window closed, as the clinic reads it").matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}");
    assertThat(browser.visible(By.id("kapcare-kpi-first-dose")).getText()).startsWith("Median");
    browser.scrollTo(kpis);
    browser.screenshot("cockpit-dashboard-kpis");

    for (String processKey : List.of("care-journey", "dosing-session")) {
      browser.open("/camunda/app/cockpit/default/#/processes");
      browser.click(By.linkText(processKey));
      browser.visible(By.cssSelector("#kapcare-heatmap-panel[data-kapcare-loaded='true']"));
      List<WebElement> heat = browser.driver().findElements(By.cssSelector(".kapcare-heat"));
      assertThat(heat).as("activities coloured in " + processKey).hasSizeGreaterThan(8);
      browser.screenshot("cockpit-heatmap-" + processKey);
    }
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
