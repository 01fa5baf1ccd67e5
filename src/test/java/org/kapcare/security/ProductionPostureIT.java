package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;
import org.kapcare.PackagedApp;

/**
 * The packaged app outside the demo profile, as an operator starts it (postgres profile, here on
 * an H2 file): refused without a first administrator, then what a browser and a script see.
 */
class ProductionPostureIT {

  private static final String ADMIN = "lead";
  private static final String PASSWORD = "Kx7-ward-Tulip";
  private static final Duration START_UP = Duration.ofMinutes(3);

  @AutoClose
  private static PackagedApp app;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start(@TempDir Path folder) throws Exception {
    String[] production = {"--spring.profiles.active=postgres", "--KAPCARE_DB_URL=jdbc:h2:file:" + folder.resolve("clinic"),
        "--KAPCARE_DB_USER=sa"};
    try (PackagedApp refused = PackagedApp.start("production-posture-refused-it", folder, Map.of(), production)) {
      assertThat(refused.awaitExit(START_UP)).isNotZero();
      assertThat(refused.output()).contains("APPLICATION FAILED TO START", "KAPCARE_ADMIN_USER");
    }
    app = PackagedApp.start("production-posture-it", folder,
        Map.of("KAPCARE_ADMIN_USER", ADMIN, "KAPCARE_ADMIN_PASSWORD", PASSWORD), production);
    app.awaitLogLine("Started KapCareApplication", START_UP);
  }

  @Test
  void theAdministratorFromTheEnvironmentIsTheOnlyUser() throws Exception {
    assertThat(get("/engine-rest/user", null).statusCode()).isEqualTo(401);
    HttpResponse<String> users = get("/engine-rest/user?maxResults=100", ADMIN + ":" + PASSWORD);
    assertThat(users.statusCode()).isEqualTo(200);
    assertThat(users.body()).contains("\"id\":\"" + ADMIN + "\"").doesNotContain("coordinator", "\"admin\"");
    assertThat(get("/engine-rest/user?maxResults=100", "admin:demo").statusCode()).isEqualTo(401);
  }

  @Test
  void webappCookiesAreSecureAndSameSiteStrictAndALoginNeedsTheCsrfToken() throws Exception {
    HttpResponse<String> page = get("/camunda/app/cockpit/default/", null);
    List<String> pageCookies = page.headers().allValues("Set-Cookie");
    assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
        hsts -> assertThat(hsts).contains("max-age=31536000"));
    assertThat(pageCookies).filteredOn(cookie -> cookie.startsWith("XSRF-TOKEN=")).singleElement()
        .satisfies(cookie -> assertThat(cookie).containsIgnoringCase("Secure").containsIgnoringCase("SameSite=Strict"));
    String session = value(pageCookies, "JSESSIONID");
    String token = value(pageCookies, "XSRF-TOKEN");

    HttpResponse<String> login = login("JSESSIONID=" + session + "; XSRF-TOKEN=" + token, token);
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.headers().allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
        .isNotEmpty()
        .allSatisfy(cookie -> assertThat(cookie).containsIgnoringCase("Secure").containsIgnoringCase("HttpOnly")
            .containsIgnoringCase("SameSite=Strict"));

    // Camunda's CSRF filter refuses a modifying request without the token (and ends that session).
    String otherSession = value(get("/camunda/app/cockpit/default/", null).headers().allValues("Set-Cookie"), "JSESSIONID");
    assertThat(login("JSESSIONID=" + otherSession, null).statusCode()).as("no CSRF token, no login").isEqualTo(403);
  }

  private static HttpResponse<String> login(String cookies, String csrfToken) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl()
            + "/camunda/api/admin/auth/user/default/login/cockpit"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Cookie", cookies)
        .POST(HttpRequest.BodyPublishers.ofString("username=" + ADMIN + "&password=" + PASSWORD));
    if (csrfToken != null) {
      request.header("X-XSRF-TOKEN", csrfToken);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String value(List<String> setCookies, String name) {
    return setCookies.stream().filter(cookie -> cookie.startsWith(name + "=")).findFirst()
        .map(cookie -> cookie.substring(name.length() + 1).split(";", 2)[0])
        .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + setCookies));
  }

  @Test
  void healthDetailsAreForTheAdministrator() throws Exception {
    HttpResponse<String> anonymous = get("/actuator/health", null);
    assertThat(new ObjectMapper().readTree(anonymous.body()).fieldNames()).toIterable()
        .containsExactlyInAnyOrder("status", "groups");
    assertThat(get("/actuator/health", ADMIN + ":" + PASSWORD).body()).contains("\"outbox\"", "\"jobs\"");
  }

  @Test
  void errorsCarryNoStackTraceNorSql() throws Exception {
    HttpResponse<String> missing = get("/no-such-page", ADMIN + ":" + PASSWORD);
    assertThat(missing.statusCode()).isEqualTo(404);
    // Spring's error body with every server.error.include-* off: no message, exception or trace field.
    assertThat(new ObjectMapper().readTree(missing.body()).fieldNames()).toIterable()
        .containsExactlyInAnyOrder("timestamp", "status", "error", "path");
    HttpResponse<String> tooMany = get("/engine-rest/history/activity-instance?maxResults=5000", ADMIN + ":" + PASSWORD);
    assertThat(tooMany.statusCode()).as("the query result limit").isEqualTo(400);
    assertThat(tooMany.body()).doesNotContain("SELECT", "ACT_HI", "at org.");
  }

  private static HttpResponse<String> get(String path, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path));
    if (credentials != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
