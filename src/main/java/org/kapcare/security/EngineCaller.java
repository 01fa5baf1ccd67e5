package org.kapcare.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** Who calls the engine's API, and their groups, whichever door they came by. */
public record EngineCaller(String userId, List<String> groups) {

  /**
   * On {@code /engine-rest} and {@code /api} the sign-in filter has set them on the engine; Tasklist
   * and Cockpit carry them in their session. Null for nobody.
   */
  public static EngineCaller of(HttpServletRequest request, IdentityService identity) {
    Authentication signedIn = identity.getCurrentAuthentication();
    if (signedIn != null) {
      return new EngineCaller(signedIn.getUserId(), signedIn.getGroupIds() == null ? List.of() : signedIn.getGroupIds());
    }
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    return AuthenticationUtil.getAuthsFromSession(session).getAuthentications().stream()
        .filter(UserAuthentication.class::isInstance).map(UserAuthentication.class::cast).findFirst()
        .map(user -> new EngineCaller(user.getIdentityId(),
            user.getGroupIds() == null ? List.<String>of() : List.copyOf(user.getGroupIds())))
        .orElse(null);
  }
}
