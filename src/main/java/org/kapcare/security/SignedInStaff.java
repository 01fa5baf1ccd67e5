package org.kapcare.security;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.kapcare.clinic.ClinicGroup;
import org.springframework.stereotype.Component;

/**
 * Who is acting, as Tasklist's session or the REST filter signed them in, for the decisions that
 * Camunda's authorizations do not make: who may override a clinical block, who may see clinic-wide views.
 */
@Component
public class SignedInStaff {

  private final IdentityService identity;

  public SignedInStaff(IdentityService identity) {
    this.identity = identity;
  }

  /** The signed-in user's id if they belong to any of {@code groups}. */
  public Optional<String> memberOf(String... groups) {
    Authentication current = identity.getCurrentAuthentication();
    if (current == null || current.getGroupIds() == null) {
      return Optional.empty();
    }
    return current.getGroupIds().stream().anyMatch(Set.of(groups)::contains)
        ? Optional.of(current.getUserId())
        : Optional.empty();
  }

  /** How a member of staff is named to colleagues: first and last name, or the user id when the profile has none. */
  public String displayName(String userId) {
    User user = asSystem(() -> identity.createUserQuery().userId(userId).singleResult());
    String name = user == null ? "" : String.join(" ", Objects.toString(user.getFirstName(), ""),
        Objects.toString(user.getLastName(), "")).strip();
    return name.isEmpty() ? userId : name;
  }

  /** Coordinators record a withdrawal for any patient, without holding rights to change every journey. */
  public void requireCoordinator() {
    if (memberOf(ClinicGroup.CARE_COORDINATORS.id()).isEmpty()) {
      throw new AuthorizationException("Only care coordinators may record this");
    }
  }

  /**
   * Runs {@code work} without the caller's authorization checks, for steps the caller's own
   * rights were checked for above, or that must see every journey to be correct.
   */
  public <T> T asSystem(Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      identity.setAuthentication(caller);
    }
  }

  /** Clinic-wide views (notifications, insight) are for managers and administrators only. */
  public void requireManager() {
    if (memberOf(ClinicGroup.MANAGERS.id(), ClinicGroup.ADMINS).isEmpty()) {
      throw new AuthorizationException("Only managers and administrators may see this");
    }
  }
}
