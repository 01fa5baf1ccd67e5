package org.kapcare.tasklist;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.kapcare.security.EngineCaller;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A clinic group's queue, counted and paged with SQL of KAP Care's own. The engine's task query
 * checks the caller's rights task by task through an OR over three resource ids, which PostgreSQL
 * can only run as one index probe per queued task, for the count and again for the sorted page.
 * Here the caller's rights are read first (a few rows: their grants on every task and on process
 * definitions), and the per-task grants are matched as one set; the outcome is the engine's as
 * long as no revoke touches a task's READ, which is when {@link #rightsOf} answers null and the
 * engine decides.
 */
@Component
class GroupQueueQuery {

  private static final int TASK = Resources.TASK.resourceType();
  private static final int DEFINITION = Resources.PROCESS_DEFINITION.resourceType();

  private final JdbcTemplate jdbc;
  private final boolean postgres;

  GroupQueueQuery(DataSource dataSource) throws SQLException {
    this.jdbc = new JdbcTemplate(dataSource);
    try (Connection connection = dataSource.getConnection()) {
      this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
    }
  }

  /**
   * What lets a caller read a task: a grant on every task, READ_TASK on some process definitions
   * (by key; {@code *} for all), else a grant on the task itself.
   */
  record Rights(EngineCaller caller, boolean everyTask, Set<String> definitionKeys) {}

  /** A sort key Tasklist sends, as the column the engine sorts by. */
  record Order(String column, boolean descending) {}

  /**
   * The caller's rights over tasks, or null when the engine must decide: a revoke of a task's READ
   * or of READ_TASK applies to them, or the clinic has tenants (which the engine's check also reads).
   */
  Rights rightsOf(EngineCaller caller) {
    if (jdbc.queryForObject("SELECT COUNT(*) FROM ACT_ID_TENANT", Long.class) > 0) {
      return null;
    }
    List<Object> arguments = new ArrayList<>();
    // Revokes, grants on process definitions, and grants on every task; never the grants on single tasks.
    List<Grant> grants = jdbc.query("SELECT TYPE_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ FROM ACT_RU_AUTHORIZATION "
        + "WHERE " + heldBy(caller, "", arguments) + " AND (TYPE_ = " + Authorization.AUTH_TYPE_REVOKE
        + " AND RESOURCE_TYPE_ IN (" + TASK + ", " + DEFINITION + ") OR TYPE_ <> " + Authorization.AUTH_TYPE_REVOKE
        + " AND (RESOURCE_TYPE_ = " + DEFINITION + " OR RESOURCE_TYPE_ = " + TASK + " AND RESOURCE_ID_ = '"
        + Authorization.ANY + "'))",
        (row, i) -> new Grant(row.getInt(1), row.getInt(2), row.getString(3), row.getInt(4)), arguments.toArray());
    boolean everyTask = false;
    Set<String> keys = new TreeSet<>();
    for (Grant grant : grants) {
      Permission needed = grant.resourceType() == TASK ? TaskPermissions.READ : ProcessDefinitionPermissions.READ_TASK;
      boolean has = (grant.permissions() & needed.getValue()) == needed.getValue();
      if (grant.type() == Authorization.AUTH_TYPE_REVOKE) {
        if (!has) {
          return null;
        }
      } else if (has && grant.resourceType() == TASK) {
        everyTask = true;
      } else if (has) {
        keys.add(grant.resourceId());
      }
    }
    return new Rights(caller, everyTask || keys.contains(Authorization.ANY), keys);
  }

  private record Grant(int type, int resourceType, String resourceId, int permissions) {}

  /** How many of the group's tasks the caller may read. */
  long count(String group, Rights rights, boolean activeOnly) {
    List<Object> arguments = new ArrayList<>();
    String where = where(group, rights, activeOnly, arguments);
    return jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK T WHERE " + where, Long.class, arguments.toArray());
  }

  /** The ids of one page of the group's tasks the caller may read, in {@code orders}. */
  List<String> page(String group, Rights rights, boolean activeOnly, List<Order> orders, int first, int max) {
    List<Object> arguments = new ArrayList<>();
    String where = where(group, rights, activeOnly, arguments);
    List<String> keys = orders.stream().map(order -> order.column() + (order.descending() ? " DESC" : " ASC")).toList();
    arguments.add(max);
    arguments.add(first);
    return jdbc.queryForList("SELECT T.ID_ FROM ACT_RU_TASK T WHERE " + where + " ORDER BY " + String.join(", ", keys)
        + " LIMIT ? OFFSET ?", String.class, arguments.toArray());
  }

  private String where(String group, Rights rights, boolean activeOnly, List<Object> arguments) {
    StringBuilder where = new StringBuilder("T.ID_ IN (SELECT L.TASK_ID_ FROM ACT_RU_IDENTITYLINK L "
        + "WHERE L.TYPE_ = 'candidate' AND L.GROUP_ID_ = ?) AND T.TENANT_ID_ IS NULL");
    arguments.add(group);
    if (activeOnly) {
      where.append(" AND T.SUSPENSION_STATE_ = 1");
    }
    if (rights.everyTask()) {
      return where.toString();
    }
    where.append(" AND (");
    if (!rights.definitionKeys().isEmpty()) {
      where.append("T.PROC_DEF_ID_ IN (SELECT D.ID_ FROM ACT_RE_PROCDEF D WHERE D.KEY_ IN (")
          .append(String.join(", ", Collections.nCopies(rights.definitionKeys().size(), "?"))).append(")) OR ");
      arguments.addAll(rights.definitionKeys());
    }
    int read = TaskPermissions.READ.getValue();
    where.append("T.ID_ IN (SELECT A.RESOURCE_ID_ FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_TYPE_ = ").append(TASK)
        .append(" AND A.TYPE_ <> ").append(Authorization.AUTH_TYPE_REVOKE).append(" AND ")
        .append(postgres ? "(A.PERMS_ & " + read + ")" : "BITAND(A.PERMS_, " + read + ")").append(" = ").append(read)
        .append(" AND ").append(heldBy(rights.caller(), "A.", arguments));
    return where.append("))").toString();
  }

  /** Authorizations that apply to the caller: theirs, everyone's ({@code *}), or one of their groups'. */
  private static String heldBy(EngineCaller caller, String table, List<Object> arguments) {
    arguments.add(caller.userId());
    arguments.add(Authorization.ANY);
    String held = "(" + table + "USER_ID_ IN (?, ?)";
    if (!caller.groups().isEmpty()) {
      held += " OR " + table + "GROUP_ID_ IN (" + String.join(", ", Collections.nCopies(caller.groups().size(), "?")) + ")";
      arguments.addAll(caller.groups());
    }
    return held + ")";
  }
}
