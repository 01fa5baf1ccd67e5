package org.kapcare.demo;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.ClinicSetupStep;
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

  private record DemoUser(String id, String firstName, String lastName, ClinicGroup group) {
  }

  /**
   * One person per group to log in as (the first of each), and more therapists and prescribers, so
   * that a manager sees how the clinic's load is shared.
   */
  private static final List<DemoUser> USERS = List.of(
      new DemoUser("coordinator", "Casey", "Coordinator", ClinicGroup.CARE_COORDINATORS),
      new DemoUser("therapist", "Theo", "Therapist", ClinicGroup.THERAPISTS),
      new DemoUser("prescriber", "Priya", "Prescriber", ClinicGroup.PRESCRIBERS),
      new DemoUser("nurse", "Noor", "Nurse", ClinicGroup.NURSES),
      new DemoUser("manager", "Morgan", "Manager", ClinicGroup.MANAGERS),
      new DemoUser("therapist-2", "Sam", "Okafor", ClinicGroup.THERAPISTS),
      new DemoUser("therapist-3", "Omar", "Haddad", ClinicGroup.THERAPISTS),
      new DemoUser("prescriber-2", "Lena", "Vogel", ClinicGroup.PRESCRIBERS));

  /** The demo user of {@code groupId} who looks after {@code patientId}: always the same one for a patient. */
  public static String userOf(String groupId, String patientId) {
    List<DemoUser> members = USERS.stream().filter(user -> user.group().id().equals(groupId)).toList();
    if (members.isEmpty()) {
      throw new IllegalArgumentException("no demo user in group " + groupId);
    }
    return members.get(Math.floorMod(patientId.hashCode(), members.size())).id();
  }

  @Override
  public void apply() {
    USERS.forEach(this::create);
  }

  private void create(DemoUser demo) {
    if (identity.createUserQuery().userId(demo.id()).count() > 0) {
      return;
    }
    User user = identity.newUser(demo.id());
    user.setFirstName(demo.firstName());
    user.setLastName(demo.lastName());
    user.setEmail(demo.id() + "@demo.kapcare.org");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    identity.createMembership(demo.id(), demo.group().id());
  }
}
