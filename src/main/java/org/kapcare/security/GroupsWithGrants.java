package org.kapcare.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.postgresql.PGStatement;
import org.springframework.stereotype.Component;

/**
 * Before each authorization check the engine keeps only the caller's groups that hold some
 * authorization, and to learn which those are it reads every group id in ACT_RU_AUTHORIZATION
 * ({@code SELECT distinct(GROUP_ID_)}), once per command: five times for one Tasklist reload. The
 * engine grants each task to its group, so that table grows with the running journeys (150,000
 * rows at 100,000 journeys) and PostgreSQL reads it whole each time. Here the engine asks about
 * the caller's own groups only; the groups kept are the same. A group found to hold a grant is
 * remembered by the node: keeping a group that has since lost every grant changes no check (its
 * grants are matched, and there are none), whereas a group without grants is looked up again, since
 * it may be granted something at any moment.
 */
@Component
public class GroupsWithGrants extends AbstractProcessEnginePlugin {

  private final Set<String> holdingGrants = ConcurrentHashMap.newKeySet();

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
    factories.add(new SessionFactory() {
      @Override
      public Class<?> getSessionType() {
        return AuthorizationManager.class;
      }

      @Override
      public Session openSession() {
        return new CallersGroupsOnly(holdingGrants);
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** The engine's authorization manager, told only about the caller's groups. */
  static class CallersGroupsOnly extends AuthorizationManager {

    private final Set<String> holdingGrants;

    CallersGroupsOnly(Set<String> holdingGrants) {
      this.holdingGrants = holdingGrants;
    }

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      List<String> kept = new ArrayList<>();
      for (String group : authenticatedGroupIds) {
        if (group != null && !kept.contains(group) && (holdingGrants.contains(group) || holdsAnyAuthorization(group))) {
          holdingGrants.add(group);
          kept.add(group);
        }
      }
      return kept;
    }

    private boolean holdsAnyAuthorization(String group) {
      String table = Context.getProcessEngineConfiguration().getDatabaseTablePrefix() + "ACT_RU_AUTHORIZATION";
      // The command's own connection and transaction; MyBatis closes it with the command.
      Connection connection = getDbSqlSession().getSqlSession().getConnection();
      try (PreparedStatement exists = connection.prepareStatement(
          "SELECT 1 FROM " + table + " WHERE GROUP_ID_ = ? FETCH FIRST 1 ROWS ONLY")) {
        // Planned for this group, never as a generic plan: a group's rows may all lie at the end of the
        // table, where a scan that expects to stop early reads all of it (10 ms at 100,000 journeys).
        if (exists.isWrapperFor(PGStatement.class)) {
          exists.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
        exists.setString(1, group);
        try (ResultSet row = exists.executeQuery()) {
          return row.next();
        }
      } catch (SQLException e) {
        throw new ProcessEngineException("Could not read the authorizations of group " + group, e);
      }
    }
  }
}
