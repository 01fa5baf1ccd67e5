package org.kapcare.security;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/** Grants permissions to groups, adding to (or taking from) an existing grant rather than writing a second one. */
@Component
public class Grants {

  private final AuthorizationService authorizations;

  public Grants(AuthorizationService authorizations) {
    this.authorizations = authorizations;
  }

  public void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization grant = existing(groupId, resource, resourceId);
    if (grant == null) {
      grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
      grant.setGroupId(groupId);
      grant.setResource(resource);
      grant.setResourceId(resourceId);
    }
    for (Permission permission : permissions) {
      grant.addPermission(permission);
    }
    authorizations.saveAuthorization(grant);
  }

  /** Takes back permissions an earlier version granted, so that a database set up by it is put right too. */
  public void revoke(String groupId, Resource resource, String resourceId, Permission... permissions) {
    Authorization grant = existing(groupId, resource, resourceId);
    if (grant == null) {
      return;
    }
    for (Permission permission : permissions) {
      grant.removePermission(permission);
    }
    authorizations.saveAuthorization(grant);
  }

  private Authorization existing(String groupId, Resource resource, String resourceId) {
    return authorizations.createAuthorizationQuery()
        .authorizationType(Authorization.AUTH_TYPE_GRANT)
        .groupIdIn(groupId)
        .resourceType(resource)
        .resourceId(resourceId)
        .singleResult();
  }
}
