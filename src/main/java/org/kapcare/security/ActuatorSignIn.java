package org.kapcare.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic with a Camunda user on {@code /actuator}, as on {@code /engine-rest}. The app has no
 * Spring Security, so the actuator asks the servlet request who is signed in: a signed-in user
 * becomes its principal and the user's Camunda groups its roles, and
 * {@code management.endpoint.health.roles} decides who sees the health details. Without credentials
 * the request goes on anonymously (load balancers' probes); wrong ones answer 401.
 */
class ActuatorSignIn extends OncePerRequestFilter {

  private final ProcessEngine engine;

  ActuatorSignIn(ProcessEngine engine) {
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      chain.doFilter(request, response);
      return;
    }
    IdentityService identity = engine.getIdentityService();
    Optional<BasicCredentials> credentials = BasicCredentials.of(request)
        .filter(given -> identity.checkPassword(given.userId(), given.password()));
    if (credentials.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"KAP Care\"");
      BasicCredentials.refuse(response, engine);
      return;
    }
    String userId = credentials.get().userId();
    Set<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
        .collect(Collectors.toSet());
    chain.doFilter(new SignedIn(request, userId, groups), response);
  }

  private static class SignedIn extends HttpServletRequestWrapper {

    private final String userId;
    private final Set<String> groups;

    SignedIn(HttpServletRequest request, String userId, Set<String> groups) {
      super(request);
      this.userId = userId;
      this.groups = groups;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> userId;
    }

    @Override
    public String getRemoteUser() {
      return userId;
    }

    @Override
    public boolean isUserInRole(String role) {
      return groups.contains(role);
    }

    @Override
    public String getAuthType() {
      return HttpServletRequest.BASIC_AUTH;
    }
  }
}
