package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.ClinicSetup;
import org.kapcare.security.Grants;
import org.springframework.beans.factory.annotation.Autowired;

/** Groups, demo users, authorizations and Tasklist filters are there after start and are not doubled by a restart. */
@WebAppTest
class ClinicSetupTest {

  @Autowired
  ClinicSetup setup;
  @Autowired
  IdentityService identity;
  @Autowired
  FilterService filters;
  @Autowired
  AuthorizationService authorizations;
  @Autowired
  Grants grants;

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void everyGroupHasADemoUserAndAQueue() {
    for (String[] member : new String[][] {{"coordinator", "care-coordinators"}, {"therapist", "therapists"},
        {"prescriber", "prescribers"}, {"nurse", "nurses"}, {"manager", "managers"}, {"admin", "camunda-admin"}}) {
      assertThat(identity.checkPassword(member[0], "demo")).as(member[0]).isTrue();
      assertThat(identity.createGroupQuery().groupMember(member[0]).singleResult().getId()).isEqualTo(member[1]);
    }
    assertThat(filters.createTaskFilterQuery().listPage(0, 50)).extracting(Filter::getName).containsExactlyInAnyOrder(
        "My tasks", "Care coordination queue", "Therapy queue", "Prescriber queue", "Nursing queue",
        "Clinic management queue", "Integration windows closing within 12 hours", "Escalations");
  }

  @Test
  void eachGroupSeesItsOwnFilters() {
    identity.setAuthentication("nurse", List.of("nurses"));
    assertThat(filters.createTaskFilterQuery().listPage(0, 50)).extracting(Filter::getName)
        .containsExactlyInAnyOrder("My tasks", "Nursing queue");

    identity.setAuthentication("manager", List.of("managers"));
    assertThat(filters.createTaskFilterQuery().listPage(0, 50)).extracting(Filter::getName).containsExactlyInAnyOrder(
        "My tasks", "Clinic management queue", "Integration windows closing within 12 hours", "Escalations");
  }

  @Test
  void staffUserIdsMayHaveDashesLikeGroupIds() {
    // Camunda's default pattern refuses them: a first administrator named ops-admin stopped the start.
    User admin = identity.newUser("ops-admin");
    admin.setPassword("Tulip-Ward-2026!");
    identity.saveUser(admin);
    try {
      assertThat(identity.checkPassword("ops-admin", "Tulip-Ward-2026!")).isTrue();
    } finally {
      identity.deleteUser("ops-admin");
    }
  }

  @Test
  void aRestartChangesNothing() {
    long users = identity.createUserQuery().count();
    long groups = identity.createGroupQuery().count();
    long grants = authorizations.createAuthorizationQuery().count();
    long filterCount = filters.createFilterQuery().count();

    setup.setUp();

    assertThat(identity.createUserQuery().count()).isEqualTo(users);
    assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
    assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(grants);
    assertThat(filters.createFilterQuery().count()).isEqualTo(filterCount).isEqualTo(8);
  }

  @Test
  void aStartTakesBackWhatAnEarlierVersionGrantedTooWidely() {
    grants.grant("care-coordinators", Resources.PROCESS_INSTANCE, "*", Permissions.UPDATE);
    grants.grant("nurses", Resources.PROCESS_DEFINITION, "*", Permissions.READ_HISTORY);

    setup.setUp();

    assertThat(authorizations.isUserAuthorized("coordinator", List.of("care-coordinators"), Permissions.UPDATE,
        Resources.PROCESS_INSTANCE, "any-journey")).isFalse();
    assertThat(authorizations.isUserAuthorized("coordinator", List.of("care-coordinators"), Permissions.CREATE,
        Resources.PROCESS_INSTANCE)).isTrue();
    assertThat(authorizations.isUserAuthorized("nurse", List.of("nurses"), Permissions.READ_HISTORY,
        Resources.PROCESS_DEFINITION, "care-journey")).isFalse();
    assertThat(authorizations.isUserAuthorized("manager", List.of("managers"), Permissions.READ_HISTORY,
        Resources.PROCESS_DEFINITION, "care-journey")).isTrue();
  }
}
