package org.kapcare.security;

import java.util.List;
import java.util.Map;
import org.kapcare.forms.FormValues;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/access-log?patientId=&userId=&limit=}: who read or changed what, for managers and administrators. */
@RestController
@RequestMapping("/api/access-log")
public class AccessLogController {

  private static final int MAX_LIMIT = 500;

  private final AccessLog log;
  private final SignedInStaff staff;

  public AccessLogController(AccessLog log, SignedInStaff staff) {
    this.log = log;
    this.staff = staff;
  }

  @GetMapping
  public List<AccessLog.Entry> list(@RequestParam(required = false) String patientId,
      @RequestParam(required = false) String userId, @RequestParam(defaultValue = "100") String limit) {
    staff.requireManager();
    return log.list(blankToNull(patientId), blankToNull(userId), FormValues.integer(Map.of("limit", limit), "limit", 1, MAX_LIMIT));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
