package org.kapcare.notification;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends the notification a model's service task names in its input parameters {@code template}
 * and {@code recipients} (comma-separated: {@code patient} or staff group ids).
 */
@Component("notificationDelegate")
public class NotificationDelegate implements JavaDelegate {

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
    notifications.send(new Notification(template, recipients, execution.getProcessInstanceId(),
        execution.getActivityInstanceId(), (String) execution.getVariable("patientId")));
  }
}
