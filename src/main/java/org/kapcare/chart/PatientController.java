package org.kapcare.chart;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.kapcare.clinic.NoSuchPatient;
import org.kapcare.security.SignedInStaff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/patients}: the patient search and the chart behind Tasklist's Patient tab. The
 * caller's group decides which journeys and which parts they read ({@link ChartAudience}); the
 * reading itself runs past the engine's authorizations, which grant a journey's history to
 * managers only. Each chart opened is written to the access log.
 */
@RestController
@RequestMapping("/api/patients")
class PatientController {

  private final ChartReader charts;
  private final PatientSearch search;
  private final SignedInStaff staff;
  private final TaskService tasks;
  private final RuntimeService runtime;

  PatientController(ChartReader charts, PatientSearch search, SignedInStaff staff, TaskService tasks,
      RuntimeService runtime) {
    this.charts = charts;
    this.search = search;
    this.staff = staff;
    this.tasks = tasks;
    this.runtime = runtime;
  }

  /** {@code ?q=} a part of a name or id; {@code ?taskId=} the patient of a task the caller may see. */
  @GetMapping
  List<PatientSearch.Found> find(@RequestParam(required = false) String q, @RequestParam(required = false) String taskId) {
    ChartAudience audience = audience();
    if (taskId != null) {
      return List.of(patientOf(taskId));
    }
    return staff.asSystem(() -> search.find(q, audience.seesEndedJourneys()));
  }

  @GetMapping("/{patientId}")
  PatientChart chart(@PathVariable String patientId) {
    ChartAudience audience = audience();
    PatientChart chart = staff.asSystem(() -> charts.read(patientId))
        .filter(found -> found.patient().inCare() || audience.seesEndedJourneys())
        .orElseThrow(() -> new NoSuchPatient("No patient " + patientId + " is in care"));
    return audience.cut(chart);
  }

  private ChartAudience audience() {
    return ChartAudience.of(staff).orElseThrow(() -> new AuthorizationException("Patient charts are for the clinic's staff"));
  }

  /** The task is looked up with the caller's own rights: one they may not see is not found. */
  private PatientSearch.Found patientOf(String taskId) {
    Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
    if (task == null || task.getProcessInstanceId() == null) {
      throw new NoSuchPatient("No open task of yours has this id");
    }
    ProcessInstance instance = staff.asSystem(() ->
        runtime.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId()).singleResult());
    String patientId = instance.getBusinessKey();
    return new PatientSearch.Found(patientId, null, true, null);
  }
}
