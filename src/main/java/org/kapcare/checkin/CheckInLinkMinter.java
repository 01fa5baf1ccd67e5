package org.kapcare.checkin;

import java.util.Date;
import org.camunda.bpm.engine.RuntimeService;
import org.kapcare.clinic.ClinicProperties;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.PatientLinks;
import org.springframework.stereotype.Component;

/** Mints a check-in's link as its mail goes out, for as long as the check-in waits for answers. */
@Component
public class CheckInLinkMinter implements PatientLinks {

  static final String WAITING_STEP = "awaitCheckIn";

  private final RuntimeService runtime;
  private final CheckInLinks links;
  private final String publicUrl;

  public CheckInLinkMinter(RuntimeService runtime, CheckInLinks links, CheckInProperties settings,
      ClinicProperties clinic) {
    this.runtime = runtime;
    this.links = links;
    String url = settings.publicUrl() == null || settings.publicUrl().isBlank() ? clinic.baseUrl() : settings.publicUrl();
    this.publicUrl = url.replaceAll("/+$", "");
  }

  @Override
  public String mint(String checkInId) {
    boolean waiting = runtime.createExecutionQuery().processInstanceId(checkInId).activityId(WAITING_STEP).count() > 0;
    if (!waiting) {
      return null;
    }
    Date expiresAt = (Date) runtime.getVariable(checkInId, "checkInExpiresAt");
    return publicUrl + CheckInPage.PATH + links.issue(checkInId, EngineClock.now(),
        expiresAt.toInstant());
  }
}
