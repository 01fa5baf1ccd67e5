package org.kapcare.journey;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/journeys}: actions on a whole journey that Tasklist has no button for. */
@RestController
@RequestMapping("/api/journeys")
public class JourneyController {

  private final JourneyService journeys;

  public JourneyController(JourneyService journeys) {
    this.journeys = journeys;
  }

  @PostMapping("/{patientId}/withdrawal")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public void withdraw(@PathVariable String patientId) {
    journeys.withdraw(patientId);
  }
}
