package org.kapcare.chart;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationException;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.NoSuchPatient;
import org.kapcare.security.SignedInStaff;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/patients}: the patient search and the chart behind Tasklist's Patient tab. The
 * caller's group decides which journeys and which parts they read ({@link ChartAudience}); the
 * reading itself runs past the engine's authorizations, which grant a journey's history to
 * managers only. Each chart opened is written to the access log.
 */
@RestController
@RequestMapping("/api/patients")
class PatientController {

  private final ChartReader charts;
  private final PatientSearch search;
  private final SignedInStaff staff;

  PatientController(ChartReader charts, PatientSearch search, SignedInStaff staff) {
    this.charts = charts;
    this.search = search;
    this.staff = staff;
  }

  /** {@code ?q=} a part of a name or id. */
  @GetMapping
  List<PatientSearch.Found> find(@RequestParam(required = false) String q) {
    ChartAudience audience = audience();
    return staff.asSystem(() -> search.find(q, audience.seesEndedJourneys()));
  }

  @GetMapping("/{patientId}")
  PatientChart chart(@PathVariable String patientId) {
    ChartAudience audience = audience();
    PatientChart chart = staff.asSystem(() -> charts.read(patientId))
        .filter(found -> found.patient().inCare() || audience.seesEndedJourneys())
        .orElseThrow(() -> new NoSuchPatient("No patient " + patientId + " is in care"));
    return audience.cut(chart).withActions(chart.patient().inCare() ? actions() : List.of());
  }

  /** The journey actions the reader's groups may take (the endpoints under /api/journeys check again). */
  private List<String> actions() {
    List<String> actions = new ArrayList<>();
    staff.memberOf(ClinicGroup.NURSES.id(), ClinicGroup.PRESCRIBERS.id(), ClinicGroup.THERAPISTS.id())
        .ifPresent(clinician -> actions.add("raiseSafetyConcern"));
    staff.memberOf(ClinicGroup.CARE_COORDINATORS.id()).ifPresent(coordinator -> actions.add("recordWithdrawal"));
    return actions;
  }

  private ChartAudience audience() {
    return ChartAudience.of(staff).orElseThrow(() -> new AuthorizationException("Patient charts are for the clinic's staff"));
  }
}
