package org.kapcare.tasklist;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.kapcare.security.EngineCaller;
import org.springframework.beans.factory.annotation.Value;
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

  static final String COUNT_MAX_AGE = "kapcare.tasklist.queue-count-max-age";
  private static final int TASK = Resources.TASK.resourceType();
  private static final int DEFINITION = Resources.PROCESS_DEFINITION.resourceType();

  private final JdbcTemplate jdbc;
  private final boolean postgres;
  private final RecentAnswers recent;

  GroupQueueQuery(DataSource dataSource, @Value("${kapcare.tasklist.queue-count-max-age:PT5S}") Duration countMaxAge)
      throws SQLException {
    this.jdbc = new JdbcTemplate(dataSource);
    // One thread renews the kept answers behind the callers; a daemon, so it never holds the app open.
    this.recent = new RecentAnswers(countMaxAge, System::nanoTime, Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "kapcare-queue-answers");
      thread.setDaemon(true);
      return thread;
    }));
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
    // Revokes, grants on process definitions, and grants on every task; never the grants on single
    // tasks. One part per kind, each a range of Camunda's unique indexes (TYPE_, USER_ID_ or GROUP_ID_,
    // RESOURCE_TYPE_, RESOURCE_ID_): the caller's groups hold a grant on each of their tasks.
    List<Object> arguments = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    for (int type : new int[] {Authorization.AUTH_TYPE_REVOKE, Authorization.AUTH_TYPE_GRANT, Authorization.AUTH_TYPE_GLOBAL}) {
      for (int resource : new int[] {TASK, DEFINITION}) {
        boolean onEveryTask = resource == TASK && type != Authorization.AUTH_TYPE_REVOKE;
        parts.add("SELECT TYPE_, RESOURCE_TYPE_, RESOURCE_ID_, PERMS_ FROM ACT_RU_AUTHORIZATION WHERE TYPE_ = " + type
            + " AND RESOURCE_TYPE_ = " + resource + (onEveryTask ? " AND RESOURCE_ID_ = '" + Authorization.ANY + "'" : "")
            + " AND " + heldBy(caller, "", arguments));
      }
    }
    List<Grant> grants = jdbc.query(String.join(" UNION ALL ", parts),
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

  /**
   * How many of the group's tasks the caller may read: those their groups, everyone or a process
   * definition lets them read (the same for everyone with the same groups, so counted once per
   * {@code kapcare.tasklist.queue-count-max-age} for them all), and those only a grant of their own
   * does (a few rows from their own grants, counted on every call).
   */
  long count(String group, Rights rights, boolean activeOnly) {
    Rights shared = shared(rights);
    long byGroups = recent.get(List.of("count", group, activeOnly, key(shared)), () -> {
      List<Object> arguments = new ArrayList<>();
      String where = where(group, shared, activeOnly, arguments);
      return jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_TASK T WHERE " + where, Long.class, arguments.toArray());
    });
    return byGroups + ownOnly(group, rights, activeOnly);
  }

  /**
   * The ids of one page of the group's tasks the caller may read, in {@code orders}: the page of
   * everyone with the same groups, kept like the count, unless grants of the caller's own add tasks.
   */
  List<String> page(String group, Rights rights, boolean activeOnly, List<Order> orders, int first, int max) {
    Rights shared = shared(rights);
    if (ownOnly(group, rights, activeOnly) > 0) {
      return pageOf(group, rights, activeOnly, orders, first, max);
    }
    return recent.get(List.of("page", group, activeOnly, key(shared), orders, first, max),
        () -> pageOf(group, shared, activeOnly, orders, first, max));
  }

  private List<String> pageOf(String group, Rights rights, boolean activeOnly, List<Order> orders, int first, int max) {
    List<Object> arguments = new ArrayList<>();
    String where = where(group, rights, activeOnly, arguments);
    List<String> keys = orders.stream().map(order -> order.column() + (order.descending() ? " DESC" : " ASC")).toList();
    arguments.add(max);
    arguments.add(first);
    return jdbc.queryForList("SELECT T.ID_ FROM ACT_RU_TASK T WHERE " + where + " ORDER BY " + String.join(", ", keys)
        + " LIMIT ? OFFSET ?", String.class, arguments.toArray());
  }

  /** The caller's rights without their own user id: what everyone with their groups may read. */
  private static Rights shared(Rights rights) {
    return new Rights(new EngineCaller(null, rights.caller().groups()), rights.everyTask(), rights.definitionKeys());
  }

  private static List<Object> key(Rights shared) {
    return List.of(new TreeSet<>(shared.caller().groups()), shared.everyTask(), shared.definitionKeys());
  }

  /**
   * How many of the group's tasks only a grant of the caller's own lets them read: found from their
   * own grants on tasks (the tasks they were assigned), a few rows, on every call.
   */
  private long ownOnly(String group, Rights rights, boolean activeOnly) {
    if (rights.everyTask()) {
      return 0;
    }
    List<Object> arguments = new ArrayList<>();
    arguments.add(rights.caller().userId());
    String sql = "SELECT COUNT(*) FROM ACT_RU_AUTHORIZATION O JOIN ACT_RU_TASK T ON T.ID_ = O.RESOURCE_ID_ WHERE O.TYPE_ = "
        + Authorization.AUTH_TYPE_GRANT + " AND O.USER_ID_ = ? AND " + readableTask("O.") + " AND "
        + queue(group, activeOnly, arguments) + " AND NOT " + readable(shared(rights), arguments);
    return jdbc.queryForObject(sql, Long.class, arguments.toArray());
  }

  /** The group's tasks the caller may read. */
  private String where(String group, Rights rights, boolean activeOnly, List<Object> arguments) {
    String queue = queue(group, activeOnly, arguments);
    return rights.everyTask() ? queue : queue + " AND " + readable(rights, arguments);
  }

  /** The group's tasks, as the engine's filter finds them: its candidate group's, assigned or not, no tenant's. */
  private static String queue(String group, boolean activeOnly, List<Object> arguments) {
    arguments.add(group);
    return "EXISTS (SELECT 1 FROM ACT_RU_IDENTITYLINK L WHERE L.TASK_ID_ = T.ID_ AND L.TYPE_ = 'candidate' "
        + "AND L.GROUP_ID_ = ?) AND T.TENANT_ID_ IS NULL" + (activeOnly ? " AND T.SUSPENSION_STATE_ = 1" : "");
  }

  /**
   * A task the caller may read, short of a grant on every task: its process definition is readable,
   * or a grant on the task is theirs, everyone's or one of their groups' (only their groups' for a
   * caller without a user id). Never null, so that it can be negated.
   */
  private String readable(Rights rights, List<Object> arguments) {
    StringBuilder readable = new StringBuilder("(");
    if (!rights.definitionKeys().isEmpty()) {
      readable.append("T.PROC_DEF_ID_ IS NOT NULL AND T.PROC_DEF_ID_ IN (SELECT D.ID_ FROM ACT_RE_PROCDEF D WHERE D.KEY_ IN (")
          .append(String.join(", ", Collections.nCopies(rights.definitionKeys().size(), "?"))).append(")) OR ");
      arguments.addAll(rights.definitionKeys());
    }
    readable.append("EXISTS (SELECT 1 FROM ACT_RU_AUTHORIZATION A WHERE A.RESOURCE_ID_ = T.ID_ AND ")
        .append(readableTask("A.")).append(" AND ").append(heldBy(rights.caller(), "A.", arguments));
    return readable.append("))").toString();
  }

  /** A grant (not a revoke) of READ on a task. */
  private String readableTask(String table) {
    int read = TaskPermissions.READ.getValue();
    return table + "RESOURCE_TYPE_ = " + TASK + " AND " + table + "TYPE_ <> " + Authorization.AUTH_TYPE_REVOKE + " AND "
        + (postgres ? "(" + table + "PERMS_ & " + read + ")" : "BITAND(" + table + "PERMS_, " + read + ")") + " = " + read;
  }

  /** Authorizations that apply to the caller: theirs, everyone's ({@code *}), or one of their groups'. */
  private static String heldBy(EngineCaller caller, String table, List<Object> arguments) {
    String held = "(" + table + "USER_ID_ " + (caller.userId() == null ? "= ?" : "IN (?, ?)");
    if (caller.userId() != null) {
      arguments.add(caller.userId());
    }
    arguments.add(Authorization.ANY);
    if (!caller.groups().isEmpty()) {
      held += " OR " + table + "GROUP_ID_ IN (" + String.join(", ", Collections.nCopies(caller.groups().size(), "?")) + ")";
      arguments.addAll(caller.groups());
    }
    return held + ")";
  }
}
