package org.kapcare.security;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.kapcare.tasklist.ClinicGroup;
import org.springframework.stereotype.Component;

/**
 * Who is calling the project's own {@code /api}, as the authentication filter signed them in.
 * For the views that are not about one task, where Camunda's authorizations have nothing to say.
 */
@Component
public class SignedInStaff {

  private final IdentityService identity;

  public SignedInStaff(IdentityService identity) {
    this.identity = identity;
  }

  /** Clinic-wide views (notifications, insight) are for managers and administrators only. */
  public void requireManager() {
    Authentication current = identity.getCurrentAuthentication();
    List<String> groups = current == null || current.getGroupIds() == null ? List.of() : current.getGroupIds();
    if (!groups.contains(ClinicGroup.MANAGERS.id()) && !groups.contains(ClinicGroup.ADMINS)) {
      throw new AuthorizationException("Only managers and administrators may see this");
    }
  }
}
