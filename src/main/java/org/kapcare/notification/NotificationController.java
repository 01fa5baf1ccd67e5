package org.kapcare.notification;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.SignedInStaff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/notifications}: what was sent, what waits and what failed, newest first; managers and admins. */
@RestController
@RequestMapping("/api/notifications")
public class NotificationController {

  static final int MAX_LIMIT = 500;
  private static final Set<String> STATUSES =
      Set.of(NotificationStatus.PENDING, NotificationStatus.SENT, NotificationStatus.FAILED);

  private final Outbox outbox;
  private final SignedInStaff staff;

  public NotificationController(Outbox outbox, SignedInStaff staff) {
    this.outbox = outbox;
    this.staff = staff;
  }

  @GetMapping
  public List<NotificationStatus> recent(@RequestParam(required = false) String status,
      @RequestParam(required = false) String patientId, @RequestParam(defaultValue = "50") String limit) {
    staff.requireManager();
    return outbox.recent(status(status), patientId, limit(limit));
  }

  private static String status(String status) {
    if (status == null) {
      return null;
    }
    String upper = status.trim().toUpperCase(Locale.ROOT);
    if (!STATUSES.contains(upper)) {
      throw new InvalidInputException("status", "must be PENDING, SENT or FAILED, was " + status);
    }
    return upper;
  }

  private static int limit(String limit) {
    try {
      int value = Integer.parseInt(limit.trim());
      if (value >= 1 && value <= MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, with the rule
    }
    throw new InvalidInputException("limit", "must be a whole number from 1 to " + MAX_LIMIT + ", was " + limit);
  }
}
