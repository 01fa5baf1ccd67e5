package org.kapcare.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.digest.PasswordManager;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;
import org.camunda.bpm.engine.impl.util.EncryptionUtil;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.StartRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Outside the demo there are no default users: the first administrator comes from the
 * environment ({@code KAPCARE_ADMIN_USER}, {@code KAPCARE_ADMIN_PASSWORD}) and the start is refused
 * without one. It is also refused while any user still has the demo's password, as after a demo
 * database was carried into production. Runs as the engine is built, before the web server opens.
 */
@Component
@Profile("!demo")
class FirstAdministrator extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(FirstAdministrator.class);
  /** The demo profile's password (demo.DemoUsers, application-demo.yaml). */
  private static final String DEFAULT_PASSWORD = "demo";
  private static final int PAGE = 500;

  private final String userId;
  private final String password;
  private PasswordManager passwords;

  FirstAdministrator(@Value("${kapcare.admin.user:}") String userId, @Value("${kapcare.admin.password:}") String password) {
    this.userId = userId.strip();
    this.password = password;
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    passwords = configuration.getPasswordManager();
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    IdentityService identity = engine.getIdentityService();
    refuseDefaultPasswords(identity);
    if (identity.createUserQuery().memberOfGroup(ClinicGroup.ADMINS).count() > 0) {
      return;
    }
    if (userId.isEmpty() || password.isEmpty()) {
      throw new StartRefused("This database has no administrator yet, and no first administrator was given.",
          "Set KAPCARE_ADMIN_USER and KAPCARE_ADMIN_PASSWORD (10 or more characters with upper and lower case, a "
              + "digit and a symbol) for the first start; later starts ignore them. Or start the demo with "
              + "--spring.profiles.active=demo.");
    }
    create(identity, engine.getAuthorizationService());
  }

  private void refuseDefaultPasswords(IdentityService identity) {
    List<String> withDefault = new ArrayList<>();
    long users = identity.createUserQuery().count();
    for (int first = 0; first < users; first += PAGE) {
      for (User user : identity.createUserQuery().orderByUserId().asc().listPage(first, PAGE)) {
        UserEntity stored = (UserEntity) user;
        if (stored.getPassword() != null
            && passwords.check(EncryptionUtil.saltPassword(DEFAULT_PASSWORD, stored.getSalt()), stored.getPassword())) {
          withDefault.add(user.getId());
        }
      }
    }
    if (!withDefault.isEmpty()) {
      throw new StartRefused("These users still have the demo password: " + String.join(", ", withDefault) + ".",
          "Outside the demo no default password may exist. Start this database with --spring.profiles.active=demo "
              + "and change or delete those users in Admin, or use a new database for the clinic.");
    }
  }

  /** The administrator with every permission on every resource, as Camunda's own admin-user setting gives. */
  private void create(IdentityService identity, AuthorizationService authorizations) {
    User admin = identity.newUser(userId);
    // Camunda's policy refuses a password that contains the user's id or names: these add no words of their own.
    admin.setFirstName(userId);
    admin.setLastName("(administrator)");
    admin.setPassword(password);
    try {
      identity.saveUser(admin);
    } catch (ProcessEngineException e) {
      throw new StartRefused("The first administrator " + userId + " was refused: " + e.getMessage(),
          "Choose a KAPCARE_ADMIN_PASSWORD of 10 or more characters with upper and lower case, a digit and a symbol, "
              + "that does not contain the user id.");
    }
    if (identity.createGroupQuery().groupId(ClinicGroup.ADMINS).count() == 0) {
      Group group = identity.newGroup(ClinicGroup.ADMINS);
      group.setName("Camunda administrators");
      group.setType("SYSTEM");
      identity.saveGroup(group);
    }
    identity.createMembership(userId, ClinicGroup.ADMINS);
    for (Resource resource : Resources.values()) {
      if (authorizations.createAuthorizationQuery().groupIdIn(ClinicGroup.ADMINS).resourceType(resource)
          .resourceId(Authorization.ANY).count() == 0) {
        Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        all.setGroupId(ClinicGroup.ADMINS);
        all.setResource(resource);
        all.setResourceId(Authorization.ANY);
        all.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(all);
      }
    }
    LOG.info("First administrator {} created; KAPCARE_ADMIN_USER and KAPCARE_ADMIN_PASSWORD are ignored from now on",
        userId);
  }
}
