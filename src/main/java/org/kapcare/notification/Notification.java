package org.kapcare.notification;

import java.util.List;
import java.util.Map;

/**
 * One notification of a journey: which template, to whom, the step that sent it, and the
 * journey's variables the words may draw on.
 *
 * @param recipients {@code patient} or staff group ids
 */
public record Notification(String template, List<String> recipients, String processInstanceId,
    String activityInstanceId, String patientId, Map<String, Object> journey) {
}
