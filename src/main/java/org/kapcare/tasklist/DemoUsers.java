package org.kapcare.tasklist;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One demo user per group, password {@code demo}. Demo profile only: no other profile has a
 * default password. The demo {@code admin} comes from {@code camunda.bpm.admin-user} in
 * application-demo.yaml.
 */
@Component
@Profile("demo")
@Order(3)
public class DemoUsers implements ClinicSetupStep {

  static final String PASSWORD = "demo";

  private final IdentityService identity;

  public DemoUsers(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  public void apply() {
    create("coordinator", "Casey", "Coordinator", ClinicGroup.CARE_COORDINATORS);
    create("therapist", "Theo", "Therapist", ClinicGroup.THERAPISTS);
    create("prescriber", "Priya", "Prescriber", ClinicGroup.PRESCRIBERS);
    create("nurse", "Noor", "Nurse", ClinicGroup.NURSES);
    create("manager", "Morgan", "Manager", ClinicGroup.MANAGERS);
  }

  private void create(String id, String firstName, String lastName, ClinicGroup group) {
    if (identity.createUserQuery().userId(id).count() > 0) {
      return;
    }
    User user = identity.newUser(id);
    user.setFirstName(firstName);
    user.setLastName(lastName);
    user.setEmail(id + "@demo.kapcare.org");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.createMembership(id, group.id());
  }
}
