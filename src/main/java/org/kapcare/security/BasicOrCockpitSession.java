package org.kapcare.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.http.HttpHeaders;

/**
 * HTTP Basic, and for some of {@code /api} also the webapps' login, so that staff sign in once: the
 * Cockpit and Tasklist plugins' scripts call KAP Care with the browser's webapp session.
 *
 * <p>Reads ({@code GET} of {@code /api/insight/*}, {@code /api/patients}, {@code /api/tasks/*})
 * take the session as it is. A change ({@code POST} to {@code /api/journeys/*}: a withdrawal, a
 * safety concern) takes it only with the webapp's CSRF token in the {@code X-XSRF-TOKEN} header, as
 * the webapps' own API does: a browser sends the session cookie with any request a foreign page
 * makes, but that page cannot read the token. Only the user id is taken from the session; the
 * filter then loads the user's groups afresh, so a manager removed from the group loses access at
 * once rather than when the webapp's cache expires.
 *
 * <p>A refusal answers 401 with a plain message ({@link BasicCredentials#refuse}) rather than an empty body.
 */
public class BasicOrCockpitSession extends HttpBasicAuthenticationProvider {

  static final List<String> SESSION_READABLE = List.of("/api/insight/", "/api/patients", "/api/tasks/");
  static final String SESSION_WRITABLE = "/api/journeys/";

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && (sessionReadable(request) || sessionWritable(request))) {
      HttpSession session = request.getSession(false);
      Authentication signedIn = session == null ? null
          : AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engine.getName());
      if (signedIn != null) {
        return AuthenticationResult.successful(signedIn.getIdentityId());
      }
    }
    return super.extractAuthenticatedUser(request, engine);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    super.augmentResponseByAuthenticationChallenge(response, engine);
    try {
      BasicCredentials.refuse(response, engine);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A change with the session carries the session's CSRF token, which only the webapp's own pages can read. */
  private static boolean sessionWritable(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
    String sent = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
    return "POST".equals(request.getMethod()) && pathOf(request).startsWith(SESSION_WRITABLE)
        && expected instanceof String token && sent != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }

  private static String pathOf(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  private static boolean sessionReadable(HttpServletRequest request) {
    return "GET".equals(request.getMethod()) && SESSION_READABLE.stream().anyMatch(pathOf(request)::startsWith);
  }
}
