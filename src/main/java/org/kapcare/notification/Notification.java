package org.kapcare.notification;

import java.util.List;

/** One notification of a journey: which template, to whom, and the step that sent it. */
public record Notification(String template, List<String> recipients, String processInstanceId,
    String activityInstanceId, String patientId) {
}
