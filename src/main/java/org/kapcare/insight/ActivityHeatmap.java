package org.kapcare.insight;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.kapcare.clinic.EngineClock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The heatmap behind the Cockpit diagram: one aggregate over Camunda's activity history, so that
 * the database, not the browser, walks the (possibly millions of) activity instances.
 */
@Component
public class ActivityHeatmap {

  /**
   * Every version of the process counts, as the diagram's activity ids stay stable across versions.
   * A multi-instance body has no shape of its own (its inner activity has), so it is left out.
   * The percentile makes PostgreSQL sort every row it reads: the rows carry only what the figures
   * need (names would double the sort on a million rows), and names come from the model.
   * Column labels are read by position: H2 answers them in upper case, PostgreSQL in lower.
   */
  private static final String HEAT = """
      SELECT a.ACT_ID_, COUNT(*), COUNT(a.END_TIME_),
             AVG(a.DURATION_), PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY a.DURATION_)
        FROM ACT_HI_ACTINST a
       WHERE a.PROC_DEF_KEY_ = ? AND a.START_TIME_ >= ? AND a.START_TIME_ < ?
         AND a.ACT_TYPE_ <> 'multiInstanceBody'
       GROUP BY a.ACT_ID_
       ORDER BY a.ACT_ID_
      """;

  private final JdbcTemplate jdbc;
  private final RepositoryService repository;
  private final TaskTimesQuery taskTimes;
  private final InsightTargets targets;

  ActivityHeatmap(JdbcTemplate jdbc, RepositoryService repository, TaskTimesQuery taskTimes, InsightTargets targets) {
    this.jdbc = jdbc;
    this.repository = repository;
    this.taskTimes = taskTimes;
    this.targets = targets;
  }

  /** Whether any version of a process with this key is deployed. */
  public boolean isDeployed(String processDefinitionKey) {
    return repository.createProcessDefinitionQuery().processDefinitionKey(processDefinitionKey).count() > 0;
  }

  /** Each activity's runs in the range; a task's also against the clinic's target for its step, as of now. */
  public List<ActivityHeat> of(String processDefinitionKey, InsightRange range) {
    Map<String, FlowNode> shapes = latestModel(processDefinitionKey);
    Map<String, TaskTimes> tasks = taskTimes.of(processDefinitionKey, range, EngineClock.now(), shapes.keySet());
    return jdbc.query(HEAT, (row, n) -> {
      String activityId = row.getString(1);
      FlowNode shape = shapes.get(activityId);
      Long averageMs = Sql.millis(row, 4);
      Long p90Ms = Sql.millis(row, 5);
      TaskTimes task = tasks.get(activityId);
      return new ActivityHeat(activityId, shape == null ? null : shape.getName(),
          shape == null ? null : shape.getElementType().getTypeName(), row.getLong(2), row.getLong(3), averageMs, p90Ms,
          task == null || targets.waitsForAppointment(activityId) ? task : task.withStaffWait(averageMs, p90Ms));
    }, processDefinitionKey, Timestamp.from(range.start()), Timestamp.from(range.end()));
  }

  /** The flow nodes of the newest version by id; an activity only older versions had keeps no name. */
  private Map<String, FlowNode> latestModel(String processDefinitionKey) {
    ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(processDefinitionKey)
        .latestVersion().singleResult();
    return repository.getBpmnModelInstance(latest.getId()).getModelElementsByType(FlowNode.class).stream()
        .collect(Collectors.toMap(FlowNode::getId, node -> node));
  }
}
