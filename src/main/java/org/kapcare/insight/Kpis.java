package org.kapcare.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What {@code GET /api/insight/kpis} answers: the clinic's key figures for a range of days. */
public final class Kpis {

  private Kpis() {}

  /**
   * @param today the clinic's date now, by the engine's clock and the clinic's time zone: what its
   *     "this month" and "last month" are counted from
   * @param integrationInWindowTarget the share of integration sessions the clinic means to hold in their window
   * @param current the headline figures of the range
   * @param previous the same for as many days just before it, to compare with
   */
  public record Report(LocalDate from, LocalDate to, LocalDate today, String timeZone, double integrationInWindowTarget,
      IntegrationWindows integrationWindows, FirstDoseWait referralToFirstDose, List<MonthFirstDose> firstDoseByMonth,
      List<JourneyStage> stages, FollowUpOutcomes followUp, List<CohortOutcomes> outcomesByCohort, CheckIns checkIns,
      List<DosePhq9> phq9ByDose, List<Clinician> clinicians, Headline current, Headline previous) {
  }

  /** The figures of one period that a manager compares with the period before. */
  public record Headline(LocalDate from, LocalDate to, long windowsDecided, Double shareHeldInWindow, long missedWindows,
      long firstDoses, Double medianDaysToFirstDose, long followUps, Double responseRate, Double remissionRate,
      long checkInsClosed, Double shareCheckInsAnswered) {
  }

  /** One calendar month (clinic time, e.g. 2026-11): first doses given in it and their median days from referral. */
  public record MonthFirstDose(String month, long journeys, Double medianDays) {
  }

  /** Follow-ups scored in the range of the patients whose journeys began in {@code month}. */
  public record CohortOutcomes(String month, long assessed, long responders, long remitters, Double responseRate,
      Double remissionRate) {
  }

  /**
   * A therapist or prescriber of the clinic's directory and their load.
   *
   * @param group {@code therapists} or {@code prescribers}
   * @param name as the directory holds it; the user id when it holds none
   * @param tasksDone tasks they completed in the range
   * @param openNow tasks assigned to them now, and of those {@code overdueNow} past their due date
   * @param integrationSessions integration sessions they completed in the range, {@code integrationInWindow} of them in the window
   */
  public record Clinician(String group, String userId, String name, long tasksDone, long openNow, long overdueNow,
      long integrationSessions, long integrationInWindow, Double shareIntegrationInWindow) {
  }

  /** One page of the missed windows, newest first, and how many there are in all. */
  public record MissedPage(int page, int pageSize, long total, List<MissedWindow> rows) {
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
