package org.kapcare.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.springframework.http.HttpHeaders;

/**
 * HTTP Basic, and for reading {@code /api/insight/*}, {@code /api/patients} and {@code /api/tasks/*}
 * also the webapps' login: the Cockpit and Tasklist plugins' scripts call those endpoints with the browser's webapp
 * session, so staff sign in once.
 *
 * <p>Only GET is accepted on the session: a browser sends the session cookie with any request a
 * foreign page makes, so anything that changes state keeps needing credentials (no CSRF). Only the
 * user id is taken from the session; the filter then loads the user's groups afresh, so a manager
 * removed from the group loses access at once rather than when the webapp's cache expires.
 *
 * <p>A refusal answers 401 with a plain message ({@link BasicCredentials#refuse}) rather than an empty body.
 */
public class BasicOrCockpitSession extends HttpBasicAuthenticationProvider {

  static final List<String> SESSION_READABLE = List.of("/api/insight/", "/api/patients", "/api/tasks/");

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) == null && sessionReadable(request)) {
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

  private static boolean sessionReadable(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return "GET".equals(request.getMethod()) && SESSION_READABLE.stream().anyMatch(path::startsWith);
  }
}
