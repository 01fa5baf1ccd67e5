package org.kapcare.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What {@code GET /api/insight/kpis} answers: the clinic's key figures for a range of days. */
public final class Kpis {

  private Kpis() {}

  public record Report(LocalDate from, LocalDate to, String timeZone, IntegrationWindows integrationWindows,
      List<MissedWindow> missedWindows, FirstDoseWait referralToFirstDose, List<JourneyStage> stages,
      FollowUpOutcomes followUp, CheckIns checkIns, List<DosePhq9> phq9ByDose) {
  }

  /** Patients' check-ins that closed in the range: answered, or left until their link expired. */
  public record CheckIns(long answered, long unanswered, Double shareAnswered) {
  }

  /** The PHQ-9 of the check-ins answered before dose {@code dose} in the range: how many, and their median. */
  public record DosePhq9(int dose, long checkIns, Double medianPhq9) {
  }

  /**
   * Integration windows whose deadline fell in the range, decided either way: held in the window,
   * or not (missed; some of those were held late). Windows still open are not counted yet.
   */
  public record IntegrationWindows(long heldInWindow, long missed, long heldLate, Double shareHeldInWindow,
      List<IntegrationWeek> weeks) {
  }

  /** One ISO week (Monday to Sunday, clinic time) by the windows' deadlines; every week of the range is listed. */
  public record IntegrationWeek(String week, LocalDate weekStart, long heldInWindow, long missed, long heldLate,
      Double shareHeldInWindow) {
  }

  /**
   * A window that closed before the integration session was held.
   *
   * @param therapist the name of the therapist who took the integration session (their user id when the
   *     clinic's directory has no name for them); null while nobody has taken it
   * @param heldAt when the session was held late; null while it has not been
   * @param journeyRunning whether the journey still runs: Community Cockpit shows running instances only
   */
  public record MissedWindow(String patientId, String therapist, Instant deadline, Instant heldAt, String doseInstanceId,
      String journeyInstanceId, boolean journeyRunning) {
  }

  /** Journeys whose first dose was given in the range, and the median days from their referral to it. */
  public record FirstDoseWait(long journeys, Double medianDays) {
  }

  /** Running journeys waiting at one step of the care journey (a journey may wait at two at once). */
  public record JourneyStage(String activityId, String name, long journeys) {
  }

  /** Follow-up assessments scored in the range, and how many showed a response and a remission. */
  public record FollowUpOutcomes(long assessed, long responders, long remitters, Double responseRate,
      Double remissionRate) {
  }

  /** {@code part / whole}, or null when there is nothing to divide. */
  static Double share(long part, long whole) {
    return whole == 0 ? null : (double) part / whole;
  }
}
