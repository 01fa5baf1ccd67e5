package org.kapcare.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.ProcessTest;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The heatmap and KPI queries against a small clinic driven through the real models, with the
 * clock moved so that every figure is known: four patients dosed 2, 2, 3 and 10 days after
 * referral; the first two hold integration in the window, the third misses it, is seen late by
 * the therapist and is discharged, the fourth misses it with nobody booked yet. One more waits
 * for its first dose, two for their consultation.
 */
@ProcessTest
// A database of its own: the figures count every journey in it, so no other test's journeys may share it.
@TestPropertySource(properties = "kapcare.test.clinic=insight")
class InsightQueriesTest extends JourneyDriver {

  private static final Duration DAY = Duration.ofDays(1);
  private static final String THERAPIST = "insight-therapist";
  private static final InsightRange NOVEMBER_DECEMBER =
      new InsightRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-31"), ZoneOffset.UTC);

  private static boolean clinicDriven;
  private static String inWindow;
  private static String seenLate;
  private static String notSeen;

  @Autowired
  ActivityHeatmap heatmap;
  @Autowired
  ClinicKpis kpis;
  @Autowired
  MissedWindows missed;

  @BeforeEach
  void driveTheClinicOnce() {
    if (clinicDriven) {
      return;
    }
    ProcessInstance a = atDosing();
    ProcessInstance b = atDosing();
    ProcessInstance c = atDosing();
    ProcessInstance f = atDosing();
    atDosing();
    refer();
    refer();

    ProcessInstance doseA = doseAndDischarge(a, NOW.plus(DAY.multipliedBy(2)));
    ProcessInstance doseF = doseAndDischarge(f, NOW.plus(DAY.multipliedBy(2)));
    moveClockTo(NOW.plus(DAY.multipliedBy(3)));
    holdIntegration(doseA, null);
    holdIntegration(doseF, null);

    ProcessInstance doseB = doseAndDischarge(b, NOW.plus(DAY.multipliedBy(3)));
    missWindow(doseB, NOW.plus(DAY.multipliedBy(5)));
    moveClockTo(NOW.plus(DAY.multipliedBy(6)));
    saveTherapist();
    holdIntegration(doseB, THERAPIST);

    moveClockTo(NOW.plus(DAY.multipliedBy(7)));
    followUp(a, 4, "discharge");
    followUp(b, 8, "discharge");
    complete(b, "reviewMissedIntegration", "missedWindowCause", "scheduling", "missedWindowAction", "Book earlier");
    complete(b, "dischargeSummary", "dischargeDisposition", "primary-care", "dischargeNote", "");

    ProcessInstance doseC = doseAndDischarge(c, NOW.plus(DAY.multipliedBy(10)));
    missWindow(doseC, NOW.plus(DAY.multipliedBy(12)));

    // The therapist also holds a booking, due by the end of Wednesday 25 November and still open.
    engine.getTaskService().claim(engine.getTaskService().createTaskQuery().taskDefinitionKey("scheduleConsultation")
        .listPage(0, 1).get(0).getId(), THERAPIST);

    inWindow = a.getBusinessKey();
    seenLate = b.getBusinessKey();
    notSeen = c.getBusinessKey();
    clinicDriven = true;
  }

  /** A therapist of the clinic's directory, Tess Hartmann. */
  private void saveTherapist() {
    User therapist = engine.getIdentityService().newUser(THERAPIST);
    therapist.setFirstName("Tess");
    therapist.setLastName("Hartmann");
    engine.getIdentityService().saveUser(therapist);
    engine.getIdentityService().createMembership(THERAPIST, "therapists");
  }

  /** The dose waited for booking since the journey reached it at NOW; it is given and discharged at {@code at}. */
  private ProcessInstance doseAndDischarge(ProcessInstance journey, Instant at) {
    moveClockTo(at);
    ProcessInstance dose = administer(journey, Answers.administerDose());
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(at)));
    return dose;
  }

  private void missWindow(ProcessInstance dose, Instant deadline) {
    moveClockTo(deadline.plusSeconds(1));
    executeJob(dose, "integrationDeadlinePassed");
    executeJob(dose, "alertMissedIntegration");
  }

  /** Books the session an hour ahead and holds it now, claimed first by {@code therapist} unless null. */
  private void holdIntegration(ProcessInstance dose, String therapist) {
    complete(dose, "scheduleIntegration", "integrationAt", iso(EngineClock.now().plus(Duration.ofHours(1))));
    if (therapist != null) {
      engine.getTaskService().claim(taskAt(dose, "integrationSession").getId(), therapist);
    }
    complete(dose, "integrationSession", "integrationFormat", "in-person", "integrationMinutes", 60,
        "followUpNeeded", false);
    assertThat(dose).isEnded();
  }

  /** In January 2027, away from the clinic above: three check-ins before a first dose, two answered (PHQ-9 10 and 14). */
  @Test
  void checkInsAnsweredAndThePhq9BeforeEachDose() {
    moveClockTo(Instant.parse("2027-01-04T09:00:00Z"));
    List<ProcessInstance> journeys = List.of(atDosing(), atDosing(), atDosing());
    for (int i = 0; i < 2; i++) {
      ProcessInstance checkIn = checkInBeforeTheDose(journeys.get(i));
      int phq9 = i == 0 ? 10 : 14;
      engine.getRuntimeService().createMessageCorrelation(Journeys.CHECK_IN_SUBMITTED).processInstanceId(checkIn.getId())
          .setVariables(Answers.checkIn(phq9, 0)).correlate();
      executeJob(checkIn, "shareCheckIn");
    }
    ProcessInstance unanswered = checkInBeforeTheDose(journeys.get(2));
    moveClockTo(EngineClock.now().plus(Duration.ofDays(3)));
    executeJob(unanswered, "checkInLinkExpired");
    // These journeys end here, so that the other tests' counts of running journeys stay the clinic's above.
    journeys.forEach(journey -> engine.getRuntimeService().deleteProcessInstance(journey.getId(), "check-in figures taken"));

    InsightRange january = new InsightRange(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-01-31"), ZoneOffset.UTC);
    assertThat(kpis.checkIns(january)).isEqualTo(new Kpis.CheckIns(2, 1, 2.0 / 3));
    assertThat(kpis.phq9ByDose(january)).containsExactly(new Kpis.DosePhq9(1, 2, 12.0));
    assertThat(kpis.checkIns(NOVEMBER_DECEMBER)).isEqualTo(new Kpis.CheckIns(0, 0, null));
    assertThat(kpis.phq9ByDose(NOVEMBER_DECEMBER)).isEmpty();
  }

  @Test
  void heatmapCountsRunsAndTimesFinishedOnesPerActivity() {
    moveClockTo(Instant.parse("2026-12-07T09:00:00Z"));
    List<ActivityHeat> dose = heatmap.of("dosing-session", NOVEMBER_DECEMBER);

    // Booked after 2, 2, 3 and 10 days; the fifth dose still waits. p90 interpolates: 3 + 0.7 x (10 - 3) days.
    // Each booking was due by the end of Wednesday 25 November (two working days): the two booked on
    // Wednesday made it; Thursday's, 3 December's and the one still open today did not.
    long average = Math.round(4.25 * DAY.toMillis());
    long p90 = Math.round(7.9 * DAY.toMillis());
    assertThat(dose).filteredOn(heat -> heat.activityId().equals("scheduleDosing")).singleElement()
        .isEqualTo(new ActivityHeat("scheduleDosing", "Book dosing session", "userTask", 5, 4, average, p90,
            new TaskTimes("by its due date", null, 5, 3, 0.6, TaskTimes.OVER, null, null, average, p90)));
    assertThat(dose).filteredOn(heat -> heat.activityId().equals("integrationDeadlinePassed")).singleElement()
        .extracting(ActivityHeat::count, ActivityHeat::finished, ActivityHeat::task).containsExactly(2L, 2L, null);
    // Held at once when booked, an hour before the appointment: no wait of either kind. The third
    // was held the day after its window closed.
    assertThat(dose).filteredOn(heat -> heat.activityId().equals("integrationSession")).singleElement()
        .extracting(ActivityHeat::count, ActivityHeat::finished, ActivityHeat::averageMs, ActivityHeat::task)
        .containsExactly(3L, 3L, 0L, new TaskTimes("by its due date", null, 3, 1, 1.0 / 3, TaskTimes.OVER, 0L, 0L, 0L, 0L));
  }

  /**
   * In February 2027, away from the clinic above: two consultations booked on the Tuesday and the
   * Friday after the referrals of Monday 1 February (the second past its two working days), held
   * at 10:00 on the booked days and recorded at 16:00 and 11:00. The wait for the appointment is
   * planned; only the time after it counts against the 4 hours allowed.
   */
  @Test
  void heatmapWeighsStepsAgainstTheClinicsTargetsWithTheWaitForTheAppointmentApart() {
    Instant monday = Instant.parse("2027-02-01T09:00:00Z");
    moveClockTo(monday);
    ProcessInstance first = refer();
    ProcessInstance second = refer();
    moveClockTo(monday.plus(DAY));
    complete(first, "scheduleConsultation", "consultationAt", iso(Instant.parse("2027-02-04T10:00:00Z")));
    moveClockTo(Instant.parse("2027-02-04T16:00:00Z"));
    complete(first, "consultation", Answers.consultation());
    moveClockTo(monday.plus(DAY.multipliedBy(4)));
    complete(second, "scheduleConsultation", "consultationAt", iso(Instant.parse("2027-02-08T10:00:00Z")));
    moveClockTo(Instant.parse("2027-02-08T11:00:00Z"));
    complete(second, "consultation", Answers.consultation());
    moveClockTo(Instant.parse("2027-02-08T12:00:00Z"));

    InsightRange february = new InsightRange(LocalDate.parse("2027-02-01"), LocalDate.parse("2027-02-28"), ZoneOffset.UTC);
    List<ActivityHeat> journey = heatmap.of("care-journey", february);
    // These journeys end here, so that the other tests' counts of running journeys stay the clinic's above.
    List.of(first, second).forEach(j -> engine.getRuntimeService().deleteProcessInstance(j.getId(), "target figures taken"));

    Duration hour = Duration.ofHours(1);
    assertThat(task(journey, "scheduleConsultation")).isEqualTo(new TaskTimes("by its due date", null, 2, 1, 0.5,
        TaskTimes.OVER, null, null, Math.round(2.5 * DAY.toMillis()), Math.round(3.7 * DAY.toMillis())));
    // Planned waits of 49 and 73 hours; staff time 6 hours (over 4) and 1 hour. p90: 49 + 0.9 x 24 h, 1 + 0.9 x 5 h.
    assertThat(task(journey, "consultation")).isEqualTo(new TaskTimes("within 4 h of the appointment",
        Duration.ofHours(4).toMillis(), 2, 1, 0.5, TaskTimes.OVER, hour.multipliedBy(61).toMillis(),
        Math.round(70.6 * hour.toMillis()), Math.round(3.5 * hour.toMillis()), Math.round(5.5 * hour.toMillis())));
    // The first patient's medical history has waited for a nurse since Thursday 16:00, past its 2 days;
    // the second's appeared an hour ago and is not judged yet.
    assertThat(task(journey, "medicalHistory")).isEqualTo(new TaskTimes("within 2 days", Duration.ofDays(2).toMillis(),
        1, 1, 1.0, TaskTimes.OVER, null, null, null, null));
  }

  private static TaskTimes task(List<ActivityHeat> heat, String activityId) {
    return heat.stream().filter(a -> a.activityId().equals(activityId)).findFirst().orElseThrow().task();
  }

  @Test
  void heatmapShowsCallActivitiesOncePerDoseAndNoMultiInstanceBody() {
    List<ActivityHeat> journey = heatmap.of("care-journey", NOVEMBER_DECEMBER);

    // Three series ended, after 3, 3 and 6 days (the day the integration session was held); two still run.
    assertThat(journey).filteredOn(heat -> heat.activityId().equals("dosingSeries")).singleElement()
        .isEqualTo(new ActivityHeat("dosingSeries", "Dosing series", "callActivity", 5, 3,
            DAY.multipliedBy(4).toMillis(), Math.round(5.4 * DAY.toMillis()), null));
    assertThat(journey).filteredOn(heat -> heat.activityId().equals("scheduleConsultation")).singleElement()
        .extracting(ActivityHeat::count, ActivityHeat::finished).containsExactly(7L, 5L);
    assertThat(journey).extracting(ActivityHeat::type).doesNotContain("multiInstanceBody");
    assertThat(journey).extracting(ActivityHeat::activityId).doesNotContain("dosingSeries#multiInstanceBody");
  }

  @Test
  void heatmapCountsOnlyActivitiesStartedInTheRange() {
    LocalDate dayAfterReferral = LocalDate.parse("2026-11-24");
    assertThat(heatmap.of("dosing-session", new InsightRange(dayAfterReferral, dayAfterReferral, ZoneOffset.UTC))).isEmpty();

    LocalDate firstDoseDay = LocalDate.parse("2026-11-25");
    assertThat(heatmap.of("dosing-session", new InsightRange(firstDoseDay, firstDoseDay, ZoneOffset.UTC)))
        .extracting(ActivityHeat::activityId).contains("administerDose", "dischargeCheck", "scheduleIntegration")
        .doesNotContain("scheduleDosing");
  }

  @Test
  void integrationWindowsHeldInTimePerWeek() {
    Kpis.IntegrationWindows windows = kpis.integrationWindows(NOVEMBER_DECEMBER);

    assertThat(windows.heldInWindow()).isEqualTo(2);
    assertThat(windows.missed()).isEqualTo(2);
    assertThat(windows.heldLate()).isEqualTo(1);
    assertThat(windows.shareHeldInWindow()).isEqualTo(0.5);
    // Every week of the range is listed, Monday 26 October to Monday 28 December.
    assertThat(windows.weeks()).hasSize(10);
    assertThat(windows.weeks()).filteredOn(week -> week.heldInWindow() + week.missed() > 0)
        .extracting(Kpis.IntegrationWeek::week, Kpis.IntegrationWeek::weekStart, Kpis.IntegrationWeek::heldInWindow,
            Kpis.IntegrationWeek::missed, Kpis.IntegrationWeek::heldLate, Kpis.IntegrationWeek::shareHeldInWindow)
        .containsExactly(
            tuple("2026-W48", LocalDate.parse("2026-11-23"), 2L, 1L, 1L, 2.0 / 3),
            tuple("2026-W49", LocalDate.parse("2026-11-30"), 0L, 1L, 0L, 0.0));
  }

  private List<Kpis.MissedWindow> listedMissedWindows() {
    return missed.page(NOVEMBER_DECEMBER, MissedWindows.Filter.NONE, 1).rows();
  }

  /** Managers read the therapist's name, not a login; a therapist the directory no longer holds by their user id. */
  @Test
  void missedWindowsNameThePatientAndTheTherapistNewestFirst() {
    assertThat(listedMissedWindows())
        .extracting(Kpis.MissedWindow::patientId, Kpis.MissedWindow::therapist, Kpis.MissedWindow::deadline,
            Kpis.MissedWindow::heldAt, Kpis.MissedWindow::journeyRunning)
        .containsExactly(
            tuple(notSeen, null, NOW.plus(DAY.multipliedBy(12)), null, true),
            tuple(seenLate, "Tess Hartmann", NOW.plus(DAY.multipliedBy(5)), NOW.plus(DAY.multipliedBy(6)), false));
    engine.getIdentityService().deleteUser(THERAPIST);
    try {
      assertThat(listedMissedWindows().get(1).therapist()).isEqualTo(THERAPIST);
    } finally {
      saveTherapist();
    }
    assertThat(listedMissedWindows().get(0).journeyInstanceId()).isEqualTo(
        engine.getRuntimeService().createProcessInstanceQuery().processInstanceBusinessKey(notSeen)
            .processDefinitionKey("care-journey").singleResult().getId());
  }

  @Test
  void medianDaysFromReferralToFirstDose() {
    assertThat(kpis.referralToFirstDose(NOVEMBER_DECEMBER)).isEqualTo(new Kpis.FirstDoseWait(4, 2.5));
    // Counted by the day of the first dose: only the patient dosed after 10 days falls in December.
    InsightRange december = new InsightRange(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), ZoneOffset.UTC);
    assertThat(kpis.referralToFirstDose(december)).isEqualTo(new Kpis.FirstDoseWait(1, 10.0));
  }

  @Test
  void runningJourneysPerStage() {
    assertThat(kpis.stages()).extracting(Kpis.JourneyStage::activityId, Kpis.JourneyStage::name,
        Kpis.JourneyStage::journeys).containsExactlyInAnyOrder(
            tuple("dosingSeries", "Dosing series", 2L),
            tuple("dischargeSummary", "Discharge summary", 1L),
            tuple("scheduleFollowUp", "Book follow-up assessment", 1L),
            tuple("reviewMissedIntegration", "Review missed integration window", 1L),
            tuple("scheduleConsultation", "Book consultation", 2L));
  }

  @Test
  void responseAndRemissionAtFollowUp() {
    // Baseline PHQ-9 19: 4 at follow-up is a response and a remission, 8 a response only.
    assertThat(kpis.followUp(NOVEMBER_DECEMBER)).isEqualTo(new Kpis.FollowUpOutcomes(2, 2, 1, 1.0, 0.5));
    InsightRange beforeFollowUp = new InsightRange(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-29"), ZoneOffset.UTC);
    assertThat(kpis.followUp(beforeFollowUp)).isEqualTo(new Kpis.FollowUpOutcomes(0, 0, 0, null, null));
  }

  @Test
  void missedWindowsAreNarrowedToATherapistAStatusOrAPatientAndPaged() {
    assertThat(page(new MissedWindows.Filter(THERAPIST, null, null), 1)).containsExactly(seenLate);
    assertThat(page(new MissedWindows.Filter(MissedWindows.Filter.NOBODY, null, null), 1)).containsExactly(notSeen);
    assertThat(page(new MissedWindows.Filter(null, MissedWindows.Filter.HELD_LATE, null), 1)).containsExactly(seenLate);
    assertThat(page(new MissedWindows.Filter(null, MissedWindows.Filter.NOT_HELD, null), 1)).containsExactly(notSeen);
    assertThat(page(new MissedWindows.Filter(null, null, notSeen), 1)).containsExactly(notSeen);
    assertThat(page(new MissedWindows.Filter(THERAPIST, MissedWindows.Filter.NOT_HELD, null), 1)).isEmpty();
    assertThat(page(new MissedWindows.Filter(null, null, inWindow), 1)).as("held in its window").isEmpty();

    Kpis.MissedPage second = missed.page(NOVEMBER_DECEMBER, MissedWindows.Filter.NONE, 2);
    assertThat(second.total()).isEqualTo(2);
    assertThat(second.rows()).isEmpty();
    assertThat(missed.all(NOVEMBER_DECEMBER, new MissedWindows.Filter(null, MissedWindows.Filter.NOT_HELD, null)))
        .extracting(Kpis.MissedWindow::patientId).containsExactly(notSeen);
  }

  private List<String> page(MissedWindows.Filter filter, int page) {
    Kpis.MissedPage missedPage = missed.page(NOVEMBER_DECEMBER, filter, page);
    assertThat(missedPage.total()).isEqualTo(missedPage.rows().size());
    return missedPage.rows().stream().map(Kpis.MissedWindow::patientId).toList();
  }

  /**
   * The therapists and prescribers of the directory by name: Tess held one integration session, a
   * day after its window, and holds a booking past its due date; the demo's users did no task here.
   */
  @Test
  void theLoadOfEachTherapistAndPrescriberByName() {
    moveClockTo(Instant.parse("2026-12-07T09:00:00Z"));
    assertThat(kpis.report(NOVEMBER_DECEMBER).clinicians()).containsExactly(
        new Kpis.Clinician("therapists", "therapist-3", "Omar Haddad", 0, 0, 0, 0, 0, null),
        new Kpis.Clinician("therapists", "therapist-2", "Sam Okafor", 0, 0, 0, 0, 0, null),
        new Kpis.Clinician("therapists", THERAPIST, "Tess Hartmann", 1, 1, 1, 1, 0, 0.0),
        new Kpis.Clinician("therapists", "therapist", "Theo Therapist", 0, 0, 0, 0, 0, null),
        new Kpis.Clinician("prescribers", "prescriber-2", "Lena Vogel", 0, 0, 0, 0, 0, null),
        new Kpis.Clinician("prescribers", "prescriber", "Priya Prescriber", 0, 0, 0, 0, 0, null));
  }

  @Test
  void firstDosesPerMonthAndOutcomesPerCohort() {
    Kpis.Report report = kpis.report(NOVEMBER_DECEMBER);
    // Dosed after 2, 2 and 3 days in November, after 10 in December.
    assertThat(report.firstDoseByMonth()).containsExactly(new Kpis.MonthFirstDose("2026-11", 3, 2.0),
        new Kpis.MonthFirstDose("2026-12", 1, 10.0));
    assertThat(report.referralToFirstDose()).isEqualTo(new Kpis.FirstDoseWait(4, 2.5));
    // Both followed up were referred in November.
    assertThat(report.outcomesByCohort()).containsExactly(new Kpis.CohortOutcomes("2026-11", 2, 2, 1, 1.0, 0.5));
    assertThat(report.integrationInWindowTarget()).isEqualTo(0.9);
  }

  /** November and December against the 61 days before them, and December against November. */
  @Test
  void theHeadlineFiguresBesideThePeriodBefore() {
    Kpis.Report report = kpis.report(NOVEMBER_DECEMBER);
    assertThat(report.current()).isEqualTo(new Kpis.Headline(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-12-31"),
        4, 0.5, 2, 4, 2.5, 2, 1.0, 0.5, 0, null));
    assertThat(report.previous()).isEqualTo(new Kpis.Headline(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-10-31"),
        0, null, 0, 0, null, 0, null, null, 0, null));
    InsightRange december = new InsightRange(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), ZoneOffset.UTC);
    assertThat(kpis.headline(december)).isEqualTo(new Kpis.Headline(december.from(), december.to(), 1, 0.0, 1, 1, 10.0,
        0, null, null, 0, null));
    assertThat(kpis.headline(december.previous())).isEqualTo(new Kpis.Headline(LocalDate.parse("2026-10-31"),
        LocalDate.parse("2026-11-30"), 3, 2.0 / 3, 1, 3, 2.0, 2, 1.0, 0.5, 0, null));
  }
}
