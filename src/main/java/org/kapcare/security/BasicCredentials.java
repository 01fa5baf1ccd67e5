package org.kapcare.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** HTTP Basic credentials as a request carries them, and the answer when a sign-in is not accepted. */
record BasicCredentials(String userId, String password) {

  private static final String BASIC = "Basic ";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The credentials of an {@code Authorization: Basic} header; empty when there is none or it cannot be read. */
  static Optional<BasicCredentials> of(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon < 0 ? Optional.empty()
        : Optional.of(new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }

  /**
   * 401 with a plain message instead of an empty body. A user with recent failed sign-ins is refused
   * even with the right password until the engine's delay has passed, so the message says so, the
   * same for every caller so that it tells nobody which user ids exist.
   */
  static void refuse(HttpServletResponse response, ProcessEngine engine) throws IOException {
    int longestDelay = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getLoginDelayMaxTime();
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    JSON.writeValue(response.getWriter(), ErrorBody.of("Sign in with HTTP Basic: a KAP Care user id and password. After "
        + "a failed sign-in, a user's password is checked again only after a wait of up to " + longestDelay + " seconds",
        null));
  }
}
