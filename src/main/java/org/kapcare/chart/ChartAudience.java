package org.kapcare.chart;

import java.util.List;
import java.util.Optional;
import org.kapcare.chart.PatientChart.CheckIn;
import org.kapcare.chart.PatientChart.Dose;
import org.kapcare.chart.PatientChart.Patient;
import org.kapcare.chart.PatientChart.Session;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.security.SignedInStaff;

/**
 * Who reads a chart, and what of it (docs/security.md, "Who reads what"): nurses, prescribers and
 * therapists the whole chart of every patient in care; care coordinators contact and logistics
 * only (which check-ins were answered, not what; no condition, scores, safety, dose amounts or
 * vitals, session notes, nor other groups' steps, whose names can tell a clinical story); managers and administrators everything, ended
 * journeys included. Someone in several groups reads the widest of their views.
 */
enum ChartAudience {
  MANAGERS(true), CLINICIANS(false), COORDINATORS(false);

  private final boolean seesEndedJourneys;

  ChartAudience(boolean seesEndedJourneys) {
    this.seesEndedJourneys = seesEndedJourneys;
  }

  static Optional<ChartAudience> of(SignedInStaff staff) {
    if (staff.memberOf(ClinicGroup.MANAGERS.id(), ClinicGroup.ADMINS).isPresent()) {
      return Optional.of(MANAGERS);
    }
    if (staff.memberOf(ClinicGroup.NURSES.id(), ClinicGroup.PRESCRIBERS.id(), ClinicGroup.THERAPISTS.id()).isPresent()) {
      return Optional.of(CLINICIANS);
    }
    return staff.memberOf(ClinicGroup.CARE_COORDINATORS.id()).map(coordinator -> COORDINATORS);
  }

  boolean seesEndedJourneys() {
    return seesEndedJourneys;
  }

  PatientChart cut(PatientChart chart) {
    if (this != COORDINATORS) {
      return chart;
    }
    Patient p = chart.patient();
    return new PatientChart(chart.timeZone(),
        new Patient(p.id(), p.name(), p.email(), p.phone(), p.referralSource(), null, p.referredAt(), p.route(),
            p.stage(), p.inCare(), p.endedAt()),
        chart.openTasks().stream().filter(task -> ClinicGroup.CARE_COORDINATORS.displayName().equals(task.group())).toList(),
        chart.nextSession(), null, null, null, null,
        chart.checkIns().stream().map(c -> new CheckIn(c.sentAt(), c.purpose(), c.dose(), c.status(), c.answeredAt(), null,
            null, null, null, null, null, null)).toList(),
        chart.doses().stream().map(ChartAudience::logistics).toList(),
        chart.sessions().stream().map(s -> new Session(s.kind(), s.dose(), s.bookedFor(), s.heldAt(), s.windowClosesAt(),
            s.timing(), null)).toList(),
        chart.actions());
  }

  /** A dose as booking sees it: when, by which route, and whether it was given; which step it waits at is clinical. */
  private static Dose logistics(Dose d) {
    String status = List.of("given", "not given").contains(d.status()) ? d.status() : "in progress";
    return new Dose(d.number(), d.bookedFor(), null, d.route(), status, null, null, null, null, null, null, null, null,
        null, null, null, d.dischargedAt());
  }
}
