package org.kapcare.notification;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.kapcare.clinic.Journeys;
import org.springframework.stereotype.Component;

/**
 * Queues the notification a model's service task names in its input parameters {@code template}
 * and {@code recipients} (comma-separated: {@code patient} or staff group ids); a reminder names
 * its session too ({@code session}, {@code sessionAt}).
 */
@Component("notificationDelegate")
public class NotificationDelegate implements JavaDelegate {

  /** What templates may draw on; a dose reads the patient's contact from its journey. */
  private static final List<String> JOURNEY_VARIABLES =
      List.of("patientName", "patientEmail", "dosingAt", "integrationDeadline");
  /** What the service task itself may add: the session a reminder is about. */
  private static final List<String> TASK_VARIABLES = List.of("session", "sessionAt");

  private final Notifications notifications;

  public NotificationDelegate(Notifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String template = (String) execution.getVariableLocal("template");
    List<String> recipients = Arrays.stream(((String) execution.getVariableLocal("recipients")).split(","))
        .map(String::trim)
        .toList();
    Map<String, Object> journey = new HashMap<>();
    for (String name : JOURNEY_VARIABLES) {
      journey.put(name, Journeys.journeyVariable(execution, name));
    }
    for (String name : TASK_VARIABLES) {
      if (execution.hasVariableLocal(name)) {
        journey.put(name, execution.getVariableLocal(name));
      }
    }
    notifications.send(new Notification(template, recipients, execution.getProcessInstanceId(),
        execution.getActivityInstanceId(), (String) execution.getVariable("patientId"), journey));
  }
}
