package org.kapcare.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The open task a call to the engine's API names, as the guards need it: its definition and step
 * for the form check ({@link EngineForms}), its name and patient for the access log
 * ({@link PatientAccesses}). One plain query per task and request, outside any transaction, shared
 * by both: the engine's task query and the journey's query each ran in a transaction of their own,
 * three to four of them per call, which made the guards cost 15-19 % of a journey over REST
 * (docs/performance.md, the guards' cost). It reads as the engine's queries read them without a
 * signed-in user; the engine still checks the caller's rights on the call itself.
 */
@Component
class OpenTasks {

  /** An open task; {@code definitionId} and {@code patientId} are null for a task of no journey. */
  record OpenTask(String id, String definitionId, String step, String name, String patientId) {}

  private static final String ATTRIBUTE = OpenTasks.class.getName() + ".";

  private final JdbcTemplate jdbc;

  OpenTasks(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The open task {@code taskId}, looked up once for {@code request}, or null when there is none. */
  OpenTask of(HttpServletRequest request, String taskId) {
    @SuppressWarnings("unchecked")
    Optional<OpenTask> known = (Optional<OpenTask>) request.getAttribute(ATTRIBUTE + taskId);
    if (known == null) {
      known = jdbc.query("SELECT t.ID_, t.PROC_DEF_ID_, t.TASK_DEF_KEY_, t.NAME_, j.BUSINESS_KEY_ FROM ACT_RU_TASK t "
              + "LEFT JOIN ACT_RU_EXECUTION j ON j.ID_ = t.PROC_INST_ID_ WHERE t.ID_ = ?",
          (row, i) -> new OpenTask(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5)),
          taskId).stream().findFirst();
      request.setAttribute(ATTRIBUTE + taskId, known);
    }
    return known.orElse(null);
  }
}
