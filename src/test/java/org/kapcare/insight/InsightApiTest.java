package org.kapcare.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
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
import org.springframework.http.HttpHeaders;
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
  private static final String MISSED = "/api/insight/missed-windows";

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
      assertThat(kpis.getBody()).as(user).containsKeys("integrationWindows", "referralToFirstDose", "firstDoseByMonth",
          "stages", "followUp", "outcomesByCohort", "clinicians", "current", "previous", "integrationInWindowTarget");
      ResponseEntity<Map> missed = http.withBasicAuth(user, "demo").getForEntity(MISSED, Map.class);
      assertThat(missed.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
      assertThat(missed.getBody()).as(user).containsEntry("page", 1).containsEntry("pageSize", 25).containsKeys("total", "rows");
    }
  }

  @Test
  void withoutDatesTheLastSixMonthsUpToToday() {
    Map<String, Object> kpis = http.withBasicAuth("manager", "demo").getForObject(KPIS, Map.class);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(kpis).containsEntry("to", today.toString()).containsEntry("from", today.minusMonths(6).plusDays(1).toString());
  }

  /** Cockpit opens on the last three months; the clinic's today comes with them, for "this month" and "last month". */
  @Test
  void aNumberOfMonthsSetsHowFarBackTheDefaultRangeReaches() {
    Map<String, Object> kpis = http.withBasicAuth("manager", "demo").getForObject(KPIS + "?months=3", Map.class);

    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(kpis).containsEntry("to", today.toString()).containsEntry("today", today.toString())
        .containsEntry("from", today.minusMonths(3).plusDays(1).toString());
    for (String months : List.of("0", "25", "three", "-1", "3 OR 1=1", "999999999999")) {
      assertRefused(KPIS + "?months=" + months, "months", "must be a number of months from 1 to 24, was " + months
          + " (field months)");
    }
  }

  @Test
  void otherStaffAreForbiddenAndAnonymousCallersUnauthorized() {
    for (String path : List.of(KPIS, HEATMAP, MISSED)) {
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

    for (String path : List.of(KPIS, HEATMAP, MISSED)) {
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

  /** The missed-window list's filters as an attacker would send them: refused in words, never run as SQL. */
  @Test
  void missedWindowFiltersThatAreNoTherapistPatientOrPageAreRefusedInWords() {
    assertRefused(MISSED + "?therapist=x' OR '1'='1", "therapist", "must be a therapist of the clinic or nobody (field therapist)");
    assertRefused(MISSED + "?patient=K-1' OR 1=1 --", "patient",
        "must be a patient ID: 3–40 letters, digits or dashes (field patient)");
    assertRefused(MISSED + "?status=all", "status", "must be not-held or held-late (field status)");
    assertRefused(MISSED + "?page=0", "page", "must be a page from 1 to 400, was 0 (field page)");
    assertRefused(MISSED + "?page=401", "page", "must be a page from 1 to 400, was 401 (field page)");
    assertRefused(MISSED + "?page=2;DROP", "page", "must be a page number, was 2;DROP (field page)");
    assertRefused(MISSED + "?page=99999999999", "page", "must be a page number, was 99999999999 (field page)");
    Map<String, Object> none = http.withBasicAuth("manager", "demo")
        .getForObject(MISSED + "?therapist=nobody&status=held-late&patient=K-0000&page=3", Map.class);
    assertThat(none).containsEntry("total", 0).containsEntry("page", 3).containsEntry("rows", List.of());
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

  /**
   * A KPI table as a file: named after it and its days, managers only, each export in the access log
   * with the days it covers and nothing else the caller put in the URL.
   */
  @Test
  void managersDownloadAKpiTableAsCsvAndTheAccessLogNotesIt() throws Exception {
    String path = "/api/insight/kpis/missed-windows.csv?from=2026-01-01&to=2026-06-30&note=exported%20nothing";
    ResponseEntity<String> csv = http.withBasicAuth("manager", "demo").getForEntity(path, String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
    assertThat(csv.getHeaders().getContentDisposition()).hasToString(
        "attachment; filename=\"kapcare-missed-windows-2026-01-01-to-2026-06-30.csv\"");
    assertThat(csv.getBody()).startsWith("\uFEFFPatient,Therapist,Window closed,Held late at,Journey\r\n");

    JsonNode logged = new ObjectMapper().readTree(http.withBasicAuth("manager", "demo")
        .getForObject("/api/access-log?userId=manager", String.class)).get(0);
    assertThat(logged.get("what").asText()).isEqualTo("exported missed-windows.csv from 2026-01-01 to 2026-06-30");
    assertThat(logged.get("action").asText()).isEqualTo("read");

    // Narrowed to one patient: logged under them, the other filters only as "filtered".
    http.withBasicAuth("manager", "demo").getForEntity(path + "&patient=K-4242&therapist=nobody", String.class);
    JsonNode narrowed = new ObjectMapper().readTree(http.withBasicAuth("manager", "demo")
        .getForObject("/api/access-log?userId=manager", String.class)).get(0);
    assertThat(narrowed.get("what").asText()).isEqualTo("exported missed-windows.csv from 2026-01-01 to 2026-06-30 (filtered)");
    assertThat(narrowed.get("patientId").asText()).isEqualTo("K-4242");

    // A table without patients cannot be exported "for" a patient: refused, and nothing logged under them.
    ResponseEntity<Map> stages = http.withBasicAuth("manager", "demo")
        .getForEntity("/api/insight/kpis/stages.csv?patient=K-4343", Map.class);
    assertThat(stages.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(stages.getBody()).containsEntry("field", "table").containsEntry("error",
        "therapist, status and patient narrow the missed-windows table only, not stages (field table)");
    assertThat(new ObjectMapper().readTree(http.withBasicAuth("manager", "demo")
        .getForObject("/api/access-log?patientId=K-4343", String.class))).isEmpty();

    WebappSession cockpit = WebappSession.signIn(http, "cockpit", "manager", "demo");
    assertThat(http.exchange(path, HttpMethod.GET, new HttpEntity<>(cockpit.headers()), String.class).getStatusCode())
        .as("the Cockpit link, with its session").isEqualTo(HttpStatus.OK);
    for (String user : List.of("coordinator", "therapist", "prescriber", "nurse")) {
      assertThat(http.withBasicAuth(user, "demo").getForEntity(path, String.class).getStatusCode()).as(user)
          .isEqualTo(HttpStatus.FORBIDDEN);
    }
    assertThat(http.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  /** What else a URL can name: no other file, no server error, no class names, nothing of the caller's echoed. */
  @Test
  void anExportThatIsNoKpiTableIsRefusedInWords() {
    for (String table : List.of("secrets", "..%2F..%2Fetc%2Fpasswd", "a%0D%0ASet-Cookie:%20x=1", "missed-windows.csv",
        "%3Cscript%3E")) {
      ResponseEntity<String> refused = http.withBasicAuth("manager", "demo")
          .getForEntity(URI.create(http.getRootUri() + "/api/insight/kpis/" + table + ".csv"), String.class);
      assertThat(refused.getStatusCode().is4xxClientError()).as(table + ": " + refused.getBody()).isTrue();
      assertThat(refused.getHeaders().get(HttpHeaders.CONTENT_DISPOSITION)).as("nothing offered as a file: " + table).isNull();
      assertThat(refused.getBody()).as(table).doesNotContain("Exception", "org.", "<script>", "passwd", "Set-Cookie");
    }
    ResponseEntity<String> unknown = http.withBasicAuth("manager", "demo")
        .getForEntity("/api/insight/kpis/secrets.csv", String.class);
    assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(unknown.getBody()).contains("must be one of trend, integration-weeks, missed-windows");
    assertThat(http.withBasicAuth("manager", "demo").getForEntity("/api/insight/kpis/stages.csv?from=yesterday",
        String.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }
}
