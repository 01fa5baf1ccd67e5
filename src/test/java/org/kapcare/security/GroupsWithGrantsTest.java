package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.Test;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.ClinicGroup;
import org.springframework.beans.factory.annotation.Autowired;

/** The engine keeps the same groups of a caller for its checks as it did when it read every group id. */
@WebAppTest
class GroupsWithGrantsTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  AuthorizationService authorizations;

  @Test
  void theCallersGroupsKeptAreThoseTheEngineKeptByReadingEveryGroup() {
    Authorization one = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
    one.setGroupId("one-grant-only");
    one.setResource(Resources.FILTER);
    one.setResourceId("some-filter");
    one.addPermission(Permissions.READ);
    String oneId = authorizations.saveAuthorization(one).getId();
    try {
      List<String> groups = new ArrayList<>(List.of(ClinicGroup.ADMINS, "no-such-group", "one-grant-only",
          ClinicGroup.NURSES.id(), "one-grant-only"));
      for (ClinicGroup group : ClinicGroup.values()) {
        groups.add(group.id());
      }
      ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
      configuration.getCommandExecutorTxRequired().execute(context -> {
        AuthorizationManager manager = context.getAuthorizationManager();
        assertThat(manager).isInstanceOf(GroupsWithGrants.CallersGroupsOnly.class);
        Set<String> everyGroupWithAGrant = new HashSet<>(context.getDbEntityManager().<String>selectList("selectAuthorizedGroupIds"));
        Set<String> theEngines = new HashSet<>(groups);
        theEngines.retainAll(everyGroupWithAGrant);
        List<String> kept = manager.filterAuthenticatedGroupIds(groups);
        assertThat(kept).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(theEngines)
            .contains("one-grant-only", ClinicGroup.NURSES.id()).doesNotContain("no-such-group");
        assertThat(manager.filterAuthenticatedGroupIds(List.of())).isEmpty();
        return null;
      });
    } finally {
      authorizations.deleteAuthorization(oneId);
    }
  }
}
