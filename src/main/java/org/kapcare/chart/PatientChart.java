package org.kapcare.chart;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.kapcare.clinical.RatingScale;

/**
 * One patient's chart as the Patient tab and the patient search show it. Times are ISO-8601
 * instants; {@code timeZone} is the clinic's, in which the tab shows them. A part the reader's group
 * may not see is left out ({@link ChartAudience}), not sent empty. {@code actions} are what the
 * reader may do to the journey from the chart: {@code raiseSafetyConcern}, {@code recordWithdrawal}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatientChart(
    String timeZone,
    Patient patient,
    List<OpenTask> openTasks,
    Session nextSession,
    Baseline baseline,
    Safety safety,
    List<ScoreSeries> scores,
    Outcome outcome,
    List<CheckIn> checkIns,
    List<Dose> doses,
    List<Session> sessions,
    List<String> actions) {

  PatientChart withActions(List<String> allowed) {
    return new PatientChart(timeZone, patient, openTasks, nextSession, baseline, safety, scores, outcome, checkIns, doses,
        sessions, allowed);
  }

  /** Who and where. {@code inCare} is false once the journey has ended. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Patient(String id, String name, String email, String phone, String referralSource,
      String primaryCondition, String referredAt, String route, String stage, boolean inCare, String endedAt) {}

  /** The medical history taken before the first dose, and the weight every mg/kg is computed from. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Baseline(Vitals vitals, Double weightKg, String weightRecordedAt, String currentMedications,
      Boolean opioidsOrBenzodiazepines) {}

  /** A step waiting for someone: its plain name, the group it is for, who holds it, when it is due. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OpenTask(String name, String group, String heldBy, String due, String priority) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Safety(int openSafetyReviews, String cssrsRisk, Boolean phq9Item9Positive, Boolean suicidalIdeation,
      String eligibility, String eligibilityReasons, List<Review> reviews, List<LiftedBlock> overrides) {}

  /** An urgent safety review: when it opened, and once done, by whom, its outcome and plan. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Review(String openedAt, String doneAt, String doneBy, String outcome, String plan) {}

  /** A clinical block a prescriber lifted or a nurse's question they answered: which step, who, why. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LiftedBlock(String step, String by, String reason, String at) {}

  /** One questionnaire's totals over time, with its severity bands (upper bound of each). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ScoreSeries(String scale, int max, List<RatingScale.Band> bands, List<Measure> measures) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Measure(String at, String when, int score, String severity) {}

  /**
   * A check-in the patient was sent: what for ({@code before-dose}, {@code between-doses},
   * {@code before-follow-up}), whether it was {@code answered}, {@code not answered} or is
   * {@code waiting}, and once answered its scores and the PHQ-9 change since baseline.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CheckIn(String sentAt, String purpose, Integer dose, String status, String answeredAt, Integer phq9,
      String phq9Severity, Integer gad7, String gad7Severity, Integer pcl5, Boolean selfHarmThoughts, Integer phq9Rise) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Outcome(Integer phq9Change, Boolean response, Boolean remission) {}

  /** One dose. Clinical values are left out for those who see logistics only. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dose(int number, String bookedFor, String startedAt, String route, String status,
      Double orderedMg, Double orderedMgPerKg, Double givenMg, Double givenMgPerKg, String lotNumber,
      Vitals before, Vitals at40Minutes, Vitals atDischarge, String adverseEvents, Boolean seriousAdverseEvent,
      Integer minutesMonitored, String dischargedAt) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Vitals(Integer systolic, Integer diastolic, Integer heartRate, Integer spo2) {}

  /**
   * A preparation or integration session: booked for, held at, and for an integration session its
   * window: {@code timing} is {@code in time}, {@code late}, {@code missed} or {@code open}.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Session(String kind, Integer dose, String bookedFor, String heldAt, String windowClosesAt,
      String timing, String notes) {}
}
