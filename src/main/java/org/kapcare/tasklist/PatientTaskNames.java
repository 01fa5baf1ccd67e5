package org.kapcare.tasklist;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Adds the patient to every task's name ("Integration session — K-0042") so a queue reads as a
 * list of patients, while the diagrams keep the plain step names clinicians know.
 */
@Component
public class PatientTaskNames {

  @EventListener(condition = "#task.eventName == '" + TaskListener.EVENTNAME_CREATE + "'")
  public void onCreate(DelegateTask task) {
    Object patientId = task.getVariable("patientId");
    if (patientId != null && task.getName() != null) {
      task.setName(task.getName() + " — " + patientId);
    }
  }
}
