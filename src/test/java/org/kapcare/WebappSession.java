package org.kapcare;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** A browser's login to a Camunda webapp: the session and CSRF cookies it keeps, sent back with the CSRF header. */
public final class WebappSession {

  private final Map<String, String> cookies = new LinkedHashMap<>();

  private WebappSession() {}

  /** Opens the app's page (for the CSRF cookie) and signs in there with the login form, as Tasklist or Cockpit does. */
  public static WebappSession signIn(TestRestTemplate http, String app, String user, String password) {
    WebappSession session = new WebappSession();
    session.keep(http.getForEntity("/camunda/app/" + app + "/default/", String.class).getHeaders());
    HttpHeaders login = session.headers();
    login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
    ResponseEntity<String> signedIn = http.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
        new HttpEntity<>("username=" + user + "&password=" + password, login), String.class);
    assertThat(signedIn.getStatusCode()).as(user + " signs in to " + app).isEqualTo(HttpStatus.OK);
    session.keep(signedIn.getHeaders());
    // Signing in starts a new session with a new CSRF token, which the next read hands out.
    session.keep(http.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(session.headers()),
        String.class).getHeaders());
    return session;
  }

  private void keep(HttpHeaders response) {
    response.getOrEmpty(HttpHeaders.SET_COOKIE).forEach(cookie -> {
      String pair = cookie.split(";", 2)[0];
      cookies.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    });
  }

  /** The request headers a browser would send with this session: its cookies and the CSRF token. */
  public HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.add(HttpHeaders.COOKIE, cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; ")));
    headers.add("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
    return headers;
  }
}
