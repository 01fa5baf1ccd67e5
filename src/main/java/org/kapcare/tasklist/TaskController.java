package org.kapcare.tasklist;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.kapcare.clinic.NoSuchPatient;
import org.kapcare.clinic.TaskPriority;
import org.kapcare.security.SignedInStaff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/tasks/{taskId}}: whose task it is and how urgent, for the Patient tab. The task is
 * looked up with the caller's own rights: one they may not see is not found. {@code GET
 * /api/tasks/priorities}: the words for priority numbers, which Tasklist's cards read once per page.
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

  /** A task as a card shows it: the patient it is for, and its priority in words. */
  record TaskCard(String taskId, String patientId, String priority) {}

  /** A priority word and the lowest number it is for, highest first. */
  record PriorityWord(String word, int from) {}

  private final TaskService tasks;
  private final RuntimeService runtime;
  private final SignedInStaff staff;

  TaskController(TaskService tasks, RuntimeService runtime, SignedInStaff staff) {
    this.tasks = tasks;
    this.runtime = runtime;
    this.staff = staff;
  }

  /** The same for every member of staff and every task; the cards turn a task's number into its word with it. */
  @GetMapping("/priorities")
  List<PriorityWord> priorities() {
    return Arrays.stream(TaskPriority.values()).map(level -> new PriorityWord(level.word(), level.from())).toList();
  }

  @GetMapping("/{taskId}")
  TaskCard card(@PathVariable String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null) {
      throw new NoSuchPatient("No open task of yours has this id");
    }
    if (task.getProcessInstanceId() == null) {
      throw new NoSuchPatient("This task belongs to no patient's journey");
    }
    // The caller may see the task; its journey's business key is the patient id the card shows anyway.
    ProcessInstance journey = staff.asSystem(() ->
        runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult());
    if (journey == null) {
      // Completed by someone else between the two look-ups: the journey moved on.
      throw new NoSuchPatient("No open task of yours has this id");
    }
    return new TaskCard(task.getId(), journey.getBusinessKey(), TaskPriority.of(task.getPriority()).word());
  }
}
