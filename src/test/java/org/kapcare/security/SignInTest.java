package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;
import org.kapcare.WebAppTest;
import org.kapcare.tasklist.ClinicGroup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Sign-in over real HTTP cannot be turned against its users: failed passwords delay a user but never
 * lock them for good.
 *
 * <p>Each test signs in as a user of its own: a wrong password delays a user, and other tests sign in
 * as the demo users.
 */
@WebAppTest
class SignInTest {

  private static final String PASSWORD = "Right-horse-42";
  private static final String TASKS = "/engine-rest/task?maxResults=1";

  @Autowired
  TestRestTemplate http;
  @Autowired
  IdentityService identity;
  @Autowired
  ProcessEngine engine;

  private final List<String> users = new ArrayList<>();

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

}
