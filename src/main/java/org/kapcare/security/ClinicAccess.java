package org.kapcare.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.ClinicSetupStep;
import org.kapcare.clinic.Journeys;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the clinic's groups and what each may do, in every profile. Who sees a task is decided
 * by its candidate group: the engine grants the group that task when it is created. Run again on
 * every start, it changes nothing that is already there.
 */
@Component
@Order(1)
public class ClinicAccess implements ClinicSetupStep {

  private final IdentityService identity;
  private final Grants grants;

  public ClinicAccess(IdentityService identity, Grants grants) {
    this.identity = identity;
    this.grants = grants;
  }

  @Override
  public void apply() {
    for (ClinicGroup clinicGroup : ClinicGroup.values()) {
      createGroup(clinicGroup);
      String group = clinicGroup.id();
      grants.grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
      // Tasklist shows each task's diagram. A patient's whole history (every answer, every contact
      // detail) is for managers only; staff see what their tasks show them.
      grants.grant(group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ);
      grants.revoke(group, Resources.PROCESS_DEFINITION, ANY, Permissions.READ_HISTORY);
    }

    String coordinators = ClinicGroup.CARE_COORDINATORS.id();
    grants.grant(coordinators, Resources.PROCESS_DEFINITION, Journeys.CARE_JOURNEY,
        ProcessDefinitionPermissions.CREATE_INSTANCE);
    grants.grant(coordinators, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE, Permissions.READ);
    // Updating any instance would let a coordinator rewrite results or skip steps over REST;
    // a withdrawal goes through /api/journeys, which checks the group itself.
    grants.revoke(coordinators, Resources.PROCESS_INSTANCE, ANY, Permissions.UPDATE);

    String managers = ClinicGroup.MANAGERS.id();
    grants.grant(managers, Resources.PROCESS_DEFINITION, ANY, Permissions.READ_HISTORY);
    grants.grant(managers, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
    grants.grant(managers, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
    grants.grant(managers, Resources.TASK, ANY, Permissions.READ);
    grants.grant(managers, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
    grants.grant(managers, Resources.DEPLOYMENT, ANY, Permissions.READ);
  }

  private void createGroup(ClinicGroup clinicGroup) {
    if (identity.createGroupQuery().groupId(clinicGroup.id()).count() > 0) {
      return;
    }
    Group group = identity.newGroup(clinicGroup.id());
    group.setName(clinicGroup.displayName());
    group.setType("WORKFLOW");
    identity.saveGroup(group);
  }
}
