package org.kapcare.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.kapcare.security.SignInLog.Door;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

/**
 * In front of every door a user signs in at: HTTP Basic on {@code /engine-rest}, {@code /api} and
 * {@code /actuator}, and the webapps' login form. It refuses with 429 and {@code Retry-After},
 * without checking the password, while the caller's address has too many recent failures
 * ({@link SignInThrottle}); otherwise it lets the sign-in through, then counts and logs its outcome
 * ({@link SignInLog}).
 *
 * <p>The address is the connection's ({@code getRemoteAddr()}): a forwarded-for header is anyone's to
 * write. Behind a proxy every caller has the proxy's address, so the limit is then shared.
 *
 * <p>The outcome is read from the answer: with Basic, 401 means the credentials were refused (the
 * engine's authentication filters answer so, also for a user in a delay) and anything else that they
 * were accepted; Camunda's login answers 200 only to a user it signed in.
 */
class SignInGuard extends OncePerRequestFilter {

  /** How much of a login form is kept to find the user id in (Camunda's holds a user id and a password). */
  private static final int LONGEST_LOGIN_FORM = 16 * 1024;

  private final SignInThrottle throttle;
  private final SignInLog log;
  private final SignInProperties settings;
  private final ObjectMapper json;
  /** Camunda's login form posts to {@code <webapp path>/api/admin/auth/user/<engine>/login/<app>}. */
  private final Pattern webappLogin;

  SignInGuard(SignInThrottle throttle, SignInLog log, SignInProperties settings, ObjectMapper json, String webappPath) {
    this.throttle = throttle;
    this.log = log;
    this.settings = settings;
    this.json = json;
    this.webappLogin = Pattern.compile(Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Door door = door(request);
    if (door == null) {
      chain.doFilter(request, response);
      return;
    }
    String address = request.getRemoteAddr();
    Duration refused = throttle.refusedFor(address);
    if (!refused.isZero()) {
      tooMany(response, refused);
      return;
    }
    String userId;
    boolean failed;
    if (door == Door.WEBAPP_LOGIN) {
      // The form is read from what Camunda's login read: asking the request for its parameters here would
      // consume the body before Jersey, which then warns on every login.
      ContentCachingRequestWrapper form = new ContentCachingRequestWrapper(request, LONGEST_LOGIN_FORM);
      chain.doFilter(form, response);
      userId = formField(form, "username");
      failed = response.getStatus() != HttpStatus.OK.value();
    } else {
      userId = BasicCredentials.of(request).map(BasicCredentials::userId).orElse(null);
      chain.doFilter(request, response);
      failed = response.getStatus() == HttpStatus.UNAUTHORIZED.value();
    }
    if (failed) {
      log.failed(door, userId, address);
      if (throttle.failed(address)) {
        log.throttled(address, settings.maxFailuresPerAddress(), settings.failureWindow(), throttle.refusedFor(address));
      }
    } else {
      log.succeeded(door, userId, address);
    }
  }

  /** The door this request signs in at, or null when it signs nobody in (no credentials, or not a login). */
  private Door door(HttpServletRequest request) {
    String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    if ("POST".equals(request.getMethod()) && webappLogin.matcher(path).matches()) {
      return Door.WEBAPP_LOGIN;
    }
    if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      return null;
    }
    // The filter is mapped to these three paths and the webapp's, so the start of the path names the door.
    if (path.startsWith("/engine-rest")) {
      return Door.ENGINE_REST;
    }
    if (path.startsWith("/api")) {
      return Door.API;
    }
    return path.startsWith("/actuator") ? Door.ACTUATOR : null;
  }

  /** A field of the form that was read, or null when it was not read (refused before the login) or is malformed. */
  private static String formField(ContentCachingRequestWrapper form, String name) {
    Charset charset = form.getCharacterEncoding() == null ? StandardCharsets.UTF_8
        : Charset.forName(form.getCharacterEncoding());
    for (String field : new String(form.getContentAsByteArray(), charset).split("&")) {
      if (field.startsWith(name + "=")) {
        try {
          return URLDecoder.decode(field.substring(name.length() + 1), charset);
        } catch (IllegalArgumentException malformed) {
          return null;
        }
      }
    }
    return null;
  }

  private void tooMany(HttpServletResponse response, Duration refused) throws IOException {
    long seconds = Math.max(1, (refused.toMillis() + 999) / 1000);
    long minutes = (seconds + 59) / 60;
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getWriter(), ErrorBody.of("Too many failed sign-ins from this address; try again in "
        + minutes + (minutes == 1 ? " minute" : " minutes"), null));
  }
}
