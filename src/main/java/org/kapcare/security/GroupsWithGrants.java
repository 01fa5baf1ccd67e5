package org.kapcare.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.springframework.stereotype.Component;

/**
 * Before each authorization check the engine keeps only the caller's groups that hold some
 * authorization, and to learn which those are it reads every group id in ACT_RU_AUTHORIZATION
 * ({@code SELECT distinct(GROUP_ID_)}), once per command: five times for one Tasklist reload. The
 * engine grants each task to its group, so that table grows with the running journeys (150,000
 * rows at 100,000 journeys) and PostgreSQL reads it whole each time. Here the engine asks about
 * the caller's own groups only, one indexed look-up each; the groups kept are the same.
 */
@Component
public class GroupsWithGrants extends AbstractProcessEnginePlugin {

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
        return new CallersGroupsOnly();
      }
    });
    configuration.setCustomSessionFactories(factories);
  }

  /** The engine's authorization manager, told only about the caller's groups. */
  static class CallersGroupsOnly extends AuthorizationManager {

    private final Map<String, Boolean> granted = new HashMap<>();

    @Override
    public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
      if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
        return super.filterAuthenticatedGroupIds(authenticatedGroupIds);
      }
      List<String> kept = new ArrayList<>();
      for (String group : authenticatedGroupIds) {
        if (group != null && !kept.contains(group) && granted.computeIfAbsent(group, this::holdsAnyAuthorization)) {
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
