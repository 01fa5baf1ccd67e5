package org.kapcare.journey;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/journeys}: actions on a whole journey, outside its tasks (Tasklist's Patient tab has their buttons). */
@RestController
@RequestMapping("/api/journeys")
public class JourneyController {

  private final JourneyService journeys;

  public JourneyController(JourneyService journeys) {
    this.journeys = journeys;
  }

  /** {@code {"whatHappened": "..."}}: a clinician's safety concern, which opens an urgent safety review. */
  record SafetyConcern(String whatHappened) {}

  @PostMapping("/{patientId}/safety-concern")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public void raiseSafetyConcern(@PathVariable String patientId, @RequestBody(required = false) SafetyConcern concern) {
    journeys.raiseSafetyConcern(patientId, concern == null ? null : concern.whatHappened());
  }

  @PostMapping("/{patientId}/withdrawal")
  @ResponseStatus(HttpStatus.ACCEPTED)
  public void withdraw(@PathVariable String patientId) {
    journeys.withdraw(patientId);
  }
}
