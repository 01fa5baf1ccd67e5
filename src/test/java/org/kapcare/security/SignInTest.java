package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kapcare.WebAppTest;
import org.kapcare.WebappSession;
import org.kapcare.clinic.ClinicGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Sign-in over real HTTP cannot be turned against its users: failed passwords delay a user but never
 * lock them for good, an address with too many failures is refused for a while whatever it signs in
 * as, and every sign-in is logged without its password.
 *
 * <p>Each test signs in as a user of its own: a wrong password delays a user, and other tests sign in
 * as the demo users. The throttle is cleared around each test, as every test calls from 127.0.0.1.
 */
@WebAppTest
@ExtendWith(OutputCaptureExtension.class)
class SignInTest {

  private static final String PASSWORD = "Right-horse-42";
  private static final String TASKS = "/engine-rest/task?maxResults=1";

  @Autowired
  TestRestTemplate http;
  @Autowired
  IdentityService identity;
  @Autowired
  ProcessEngine engine;
  @Autowired
  SignInThrottle throttle;
  @Autowired
  SignInProperties settings;
  @LocalServerPort
  int port;

  private final List<String> users = new ArrayList<>();

  @BeforeEach
  @AfterEach
  void forgetFailures() {
    throttle.clear();
  }

  @AfterEach
  void cleanUp() {
    ClockUtil.reset();
    users.forEach(identity::deleteUser);
  }

  /** Camunda locks a user for good after 10 failures by default, so anybody could lock out anybody, admin included. */
  @Test
  void failedPasswordsNeverLockAUserForGood() {
    String user = newUser();
    Instant now = freezeEngineClock();

    for (int attempt = 1; attempt <= 12; attempt++) {
      assertThat(basic(user, "wrong-" + attempt).getStatusCode()).as("attempt " + attempt)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
      // Past the user's delay, so that the next wrong password is checked and counted.
      now = now.plusSeconds(configuration().getLoginDelayMaxTime() + 1);
      ClockUtil.setCurrentTime(Date.from(now));
    }

    assertThat(((UserEntity) identity.createUserQuery().userId(user).singleResult()).getAttempts()).isEqualTo(12);
    assertThat(basic(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void aFailedPasswordDelaysTheUsersNextSignInWhichIsRefusedWithAPlainMessage() {
    String user = newUser();
    Instant now = freezeEngineClock();
    assertThat(basic(user, "wrong").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    ResponseEntity<Map> delayed = http.withBasicAuth(user, PASSWORD).getForEntity(TASKS, Map.class);
    assertThat(delayed.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(delayed.getBody()).containsOnlyKeys("error");
    assertThat((String) delayed.getBody().get("error"))
        .contains("wait of up to " + configuration().getLoginDelayMaxTime() + " seconds");
    assertThat(webappLogin(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

    ClockUtil.setCurrentTime(Date.from(now.plusSeconds(configuration().getLoginDelayBase() + 1)));
    assertThat(basic(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void anAddressWithTooManyFailuresIsRefusedWhateverItSignsInAs() throws IOException {
    String user = newUser();
    for (int failure = 1; failure <= settings.maxFailuresPerAddress(); failure++) {
      assertThat(basic(user, "wrong-" + failure).getStatusCode()).as("failure " + failure)
          .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    ResponseEntity<Map> refused = http.withBasicAuth("admin", "demo").getForEntity(TASKS, Map.class);
    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)))
        .isBetween(1L, settings.failureWindow().toSeconds());
    assertThat(refused.getBody()).containsOnly(
        Map.entry("error", "Too many failed sign-ins from this address; try again in 10 minutes"));
    assertThat(http.withBasicAuth("manager", "demo").getForEntity("/api/notifications", String.class).getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(http.withBasicAuth("admin", "demo").getForEntity("/actuator/health", String.class).getStatusCode())
        .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    assertThat(webappLogin("coordinator", "demo").getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

    // Anonymous calls check no password, so they are answered as ever: probes keep working.
    assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(http.getForEntity(TASKS, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // Another address is not refused.
    assertThat(statusFrom("127.0.0.2", TASKS, "admin", "demo")).isEqualTo(HttpStatus.OK.value());
  }

  @Test
  void everySignInIsLoggedWithoutItsPasswordAndAUserIdCannotWriteALineOfItsOwn(CapturedOutput output) {
    String user = newUser();
    Instant now = freezeEngineClock();
    assertThat(basic(user, "Wr0ng-secret-7").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(http.withBasicAuth(user, "Wr0ng-secret-8").getForEntity("/actuator/health", String.class)
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    // Basic ends a user id at its first colon; a form takes anything.
    HttpHeaders forging = new HttpHeaders();
    forging.set(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder().encodeToString(
        "x\r\nSign-in succeeded for admin from 10.0.0.1 at api:Wr0ng-secret-9".getBytes(StandardCharsets.UTF_8)));
    assertThat(http.exchange(TASKS, HttpMethod.GET, new HttpEntity<>(forging), String.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(webappLogin("y\nSign-in succeeded: user \"admin\" from 10.0.0.2 at webapp login", "Wr0ng-secret-10")
        .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    ClockUtil.setCurrentTime(Date.from(now.plusSeconds(configuration().getLoginDelayMaxTime() + 1)));

    for (int call = 0; call < 3; call++) {
      assertThat(basic(user, PASSWORD).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
    WebappSession.signIn(http, "tasklist", user, PASSWORD);
    WebappSession.signIn(http, "tasklist", user, PASSWORD);

    List<String> lines = output.getOut().lines().filter(line -> line.contains("SignInLog")).toList();
    assertThat(lines).filteredOn(line -> line.endsWith("Sign-in failed: user \"" + user + "\" from 127.0.0.1 at engine-rest"))
        .hasSize(1);
    assertThat(lines).filteredOn(line -> line.endsWith("Sign-in failed: user \"" + user + "\" from 127.0.0.1 at actuator"))
        .hasSize(1);
    assertThat(lines).filteredOn(line -> line.contains("10.0.0.1")).singleElement().satisfies(line -> assertThat(line)
        .endsWith("Sign-in failed: user \"xSign-in succeeded for admin from 10.0.0.1 at api\" from 127.0.0.1 at engine-rest"));
    assertThat(lines).filteredOn(line -> line.contains("10.0.0.2")).singleElement().satisfies(line -> assertThat(line)
        .endsWith("Sign-in failed: user \"ySign-in succeeded: user \"admin\" from 10.0.0.2 at webapp login\" from 127.0.0.1 "
            + "at webapp login"));
    // Basic signs in with every call: logged once per user and address in five minutes.
    assertThat(lines).filteredOn(line -> line.endsWith("Sign-in succeeded: user \"" + user + "\" from 127.0.0.1 at engine-rest"))
        .hasSize(1);
    assertThat(lines).filteredOn(line -> line.endsWith("Sign-in succeeded: user \"" + user + "\" from 127.0.0.1 at webapp login"))
        .hasSize(2);
    assertThat(output.getOut().lines().filter(line -> line.contains("10.0.0."))).hasSize(2);
    assertThat(output.getAll()).doesNotContain("Wr0ng-secret", PASSWORD);
  }

  private String newUser() {
    String id = "signin-" + UUID.randomUUID().toString().substring(0, 8);
    User user = identity.newUser(id);
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    // A group with Tasklist, so that the user can sign in there too.
    identity.createMembership(id, ClinicGroup.THERAPISTS.id());
    users.add(id);
    return id;
  }

  /** The engine's clock stands still, so that a user's delay passes only when the test says so. */
  private static Instant freezeEngineClock() {
    Instant now = Instant.now();
    ClockUtil.setCurrentTime(Date.from(now));
    return now;
  }

  private ProcessEngineConfigurationImpl configuration() {
    return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
  }

  private ResponseEntity<String> basic(String user, String password) {
    return http.withBasicAuth(user, password).getForEntity(TASKS, String.class);
  }

  /** Tasklist's login form, as a browser posts it with the CSRF cookie and header; any answer. */
  private ResponseEntity<String> webappLogin(String user, String password) {
    List<String> cookies = http.getForEntity("/camunda/app/tasklist/default/", String.class).getHeaders()
        .getOrEmpty(HttpHeaders.SET_COOKIE).stream().map(cookie -> cookie.split(";", 2)[0]).toList();
    HttpHeaders login = new HttpHeaders();
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    login.add(HttpHeaders.COOKIE, String.join("; ", cookies));
    cookies.stream().filter(cookie -> cookie.startsWith("XSRF-TOKEN=")).findFirst()
        .ifPresent(token -> login.add("X-XSRF-TOKEN", token.substring("XSRF-TOKEN=".length())));
    String form = Map.of("username", user, "password", password).entrySet().stream()
        .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST,
        new HttpEntity<>(form, login), String.class);
  }

  /** The status of a GET with Basic credentials sent from another loopback address than the test client's. */
  private int statusFrom(String localAddress, String path, String user, String password) throws IOException {
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(localAddress, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
          + credentials + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
