package org.kapcare.tasklist;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.ClinicSetupStep;
import org.kapcare.security.Grants;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The Tasklist filters each group works from. A filter is found by its name, so a restart updates
 * it in place instead of adding a copy.
 */
@Component
@Order(2)
public class TasklistFilters implements ClinicSetupStep {

  static final String MY_TASKS = "My tasks";
  static final String WINDOWS_CLOSING = "Integration windows closing within 12 hours";
  static final String ESCALATIONS = "Escalations";

  private final FilterService filters;
  private final TaskService tasks;
  private final Grants grants;

  public TasklistFilters(FilterService filters, TaskService tasks, Grants grants) {
    this.filters = filters;
    this.tasks = tasks;
    this.grants = grants;
  }

  @Override
  public void apply() {
    List<String> everyone = Arrays.stream(ClinicGroup.values()).map(ClinicGroup::id).toList();
    save(MY_TASKS, "Tasks assigned to me", -20, "#555555",
        urgentFirst(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")), everyone);

    int priority = -10;
    for (ClinicGroup group : ClinicGroup.values()) {
      save(group.queueName(), "Everything waiting for " + group.displayName().toLowerCase(), priority++, "#3b6ea5",
          groupQueue(tasks, group), List.of(group.id()));
    }

    save(WINDOWS_CLOSING, "Integration sessions whose window closes within 12 hours", 0, "#c0392b",
        tasks.createTaskQuery().taskDefinitionKeyIn("scheduleIntegration", "integrationSession")
            .dueBeforeExpression("${dateTime().plusHours(12).toDate()}").orderByDueDate().asc(),
        List.of(ClinicGroup.CARE_COORDINATORS.id(), ClinicGroup.THERAPISTS.id(), ClinicGroup.MANAGERS.id()));

    save(ESCALATIONS, "Safety reviews, prescriber reviews, blocks to confirm or override, nurses' requests and missed integration windows",
        1, "#e67e22", tasks.createTaskQuery().taskDefinitionKeyIn("urgentSafetyReview", "prescriberReview", "confirmPostponement",
            "confirmPostponementPrescriberAnswer", "administerDosePrescriberAnswer", "dischargeCheckPrescriberAnswer",
            "reviewIneligibility", "reviewMissedIntegration")
            .orderByTaskPriority().desc(),
        List.of(ClinicGroup.PRESCRIBERS.id(), ClinicGroup.MANAGERS.id()));
  }

  /** Everything waiting for {@code group}, whoever holds it, urgent first; {@link GroupQueueCalls} knows it by this query. */
  static TaskQuery groupQueue(TaskService tasks, ClinicGroup group) {
    return urgentFirst(tasks.createTaskQuery().taskCandidateGroup(group.id()).includeAssignedTasks());
  }

  /**
   * A queue's order: urgent work first, then what is due soonest, undated work last (PostgreSQL
   * sorts nulls last; the H2 URLs say DEFAULT_NULL_ORDERING=HIGH to do the same). The engine puts a
   * filter's order before the one Tasklist sends with each page, which then only orders the tasks
   * that tie on this one ({@link StablePages} breaks the last ties).
   */
  private static TaskQuery urgentFirst(TaskQuery query) {
    return query.orderByTaskPriority().desc().orderByDueDate().asc();
  }

  private void save(String name, String description, int priority, String color, TaskQuery query, List<String> readers) {
    Filter filter = filters.createTaskFilterQuery().filterName(name).singleResult();
    if (filter == null) {
      filter = filters.newTaskFilter(name);
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("description", description);
    properties.put("priority", priority);
    properties.put("color", color);
    properties.put("refresh", true);
    properties.put("variables", List.of(
        Map.of("name", "patientId", "label", "Patient"),
        Map.of("name", "patientName", "label", "Name")));
    filter.setQuery(query);
    filter.setProperties(properties);
    filters.saveFilter(filter);
    for (String group : readers) {
      grants.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
    }
  }
}
