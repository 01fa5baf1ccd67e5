package org.kapcare.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kapcare.WebAppTest;
import org.kapcare.WebappSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * {@code /api/insight} over real HTTP: managers and admins only, with HTTP Basic or their Cockpit
 * login (GET only), bad ranges refused naming the field; and the Cockpit plugin that calls it.
 */
@WebAppTest
class InsightApiTest {

  private static final String KPIS = "/api/insight/kpis";
  private static final String HEATMAP = "/api/insight/heatmap?processDefinitionKey=care-journey";

  @Autowired
  TestRestTemplate http;

  @Test
  void managersAndAdminsReadBothWithBasicAuthentication() {
    for (String user : List.of("manager", "admin")) {
      ResponseEntity<Map> heatmap = http.withBasicAuth(user, "demo").getForEntity(HEATMAP, Map.class);
      assertThat(heatmap.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(heatmap.getBody()).as(user).containsEntry("processDefinitionKey", "care-journey")
          .containsEntry("timeZone", "UTC").containsKey("activities");
      ResponseEntity<Map> kpis = http.withBasicAuth(user, "demo").getForEntity(KPIS, Map.class);
      assertThat(kpis.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(kpis.getBody()).as(user).containsKeys("integrationWindows", "missedWindows", "referralToFirstDose",
          "stages", "followUp");
    }
  }

  @Test
  void withoutDatesTheLastSixMonthsUpToToday() {
    Map<String, Object> kpis = http.withBasicAuth("manager", "demo").getForObject(KPIS, Map.class);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(kpis).containsEntry("to", today.toString()).containsEntry("from", today.minusMonths(6).plusDays(1).toString());
  }

  @Test
  void otherStaffAreForbiddenAndAnonymousCallersUnauthorized() {
    for (String path : List.of(KPIS, HEATMAP)) {
      assertThat(http.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
      for (String user : List.of("coordinator", "therapist", "prescriber", "nurse")) {
        ResponseEntity<Map> refused = http.withBasicAuth(user, "demo").getForEntity(path, Map.class);
        assertThat(refused.getStatusCode()).as(user + " " + path).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).as(user).containsOnlyKeys("error");
      }
    }
  }

  @Test
  void theCockpitLoginReadsInsightWithoutASecondLogin() {
    WebappSession cockpit = WebappSession.signIn(http, "cockpit", "manager", "demo");

    for (String path : List.of(KPIS, HEATMAP)) {
      ResponseEntity<Map> read = http.exchange(path, HttpMethod.GET, new HttpEntity<>(cockpit.headers()), Map.class);
      assertThat(read.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void aWebappLoginOfOtherStaffIsForbidden() {
    WebappSession tasklist = WebappSession.signIn(http, "tasklist", "therapist", "demo");

    assertThat(http.exchange(KPIS, HttpMethod.GET, new HttpEntity<>(tasklist.headers()), String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
  }

  /** A browser sends the session cookie with whatever a foreign page makes it send: only reading may rely on it. */
  @Test
  void theSessionCountsForReadingInsightOnly() {
    WebappSession cockpit = WebappSession.signIn(http, "cockpit", "manager", "demo");

    assertThat(http.exchange(KPIS, HttpMethod.POST, new HttpEntity<>(cockpit.headers()), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.exchange("/api/notifications", HttpMethod.GET, new HttpEntity<>(cockpit.headers()), String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void signingOutOfCockpitEndsTheAccess() {
    WebappSession cockpit = WebappSession.signIn(http, "cockpit", "manager", "demo");
    assertThat(http.exchange("/camunda/api/admin/auth/user/default/logout", HttpMethod.POST,
        new HttpEntity<>(cockpit.headers()), String.class).getStatusCode()).isEqualTo(HttpStatus.OK);

    assertThat(http.exchange(KPIS, HttpMethod.GET, new HttpEntity<>(cockpit.headers()), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void badRangesAndUnknownProcessesAreRefusedNamingTheField() {
    assertRefused(KPIS + "?from=2026-13-01", "from", "must be a date as YYYY-MM-DD, was 2026-13-01 (field from)");
    assertRefused(KPIS + "?from=2026-12-01&to=2026-11-30", "from", "must not be after to (2026-11-30), was 2026-12-01 (field from)");
    assertRefused(KPIS + "?from=2024-01-01&to=2026-01-02", "to", "must be at most 2 years after from (2024-01-01), was 2026-01-02 (field to)");
    assertRefused(HEATMAP + "&to=yesterday", "to", "must be a date as YYYY-MM-DD, was yesterday (field to)");
    assertRefused("/api/insight/heatmap?processDefinitionKey=eligibility", "processDefinitionKey",
        "must be the key of a deployed process, e.g. care-journey, was eligibility (field processDefinitionKey)");
    assertRefused("/api/insight/heatmap", "processDefinitionKey",
        "must be the key of a deployed process, e.g. care-journey, was null (field processDefinitionKey)");
    assertThat(http.withBasicAuth("manager", "demo").getForEntity(KPIS + "?from=2024-01-01&to=2026-01-01", Map.class)
        .getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  private void assertRefused(String path, String field, String error) {
    ResponseEntity<Map> refused = http.withBasicAuth("manager", "demo").getForEntity(path, Map.class);
    assertThat(refused.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(refused.getBody()).as(path).containsEntry("field", field).containsEntry("error", error);
  }

  @Test
  void cockpitLoadsThePluginScriptAndStyles() {
    WebappSession cockpit = WebappSession.signIn(http, "cockpit", "manager", "demo");
    ResponseEntity<String> page = http.exchange("/camunda/app/cockpit/default/", HttpMethod.GET,
        new HttpEntity<>(cockpit.headers()), String.class);
    assertThat(page.getBody()).contains(InsightCockpitPlugin.ID);

    String assets = "/camunda/api/cockpit/plugin/" + InsightCockpitPlugin.ID + "/static/app/";
    ResponseEntity<String> script = http.getForEntity(assets + "plugin.js", String.class);
    assertThat(script.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(script.getHeaders().getContentType().toString()).startsWith("text/javascript");
    assertThat(script.getBody()).contains("export default", "cockpit.processDefinition.diagram.plugin", "cockpit.dashboard",
        "/api/insight/", "kapcare-heatmap-legend", "kapcare-kpis", "data-kapcare-loaded");
    assertThat(http.getForEntity(assets + "plugin.css", String.class).getBody()).contains(".kapcare-heat");
  }
}
