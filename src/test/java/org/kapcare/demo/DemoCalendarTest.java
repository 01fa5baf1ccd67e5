package org.kapcare.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo clinic's six months read as a steady clinic, to its last week; no engine needed. */
class DemoCalendarTest {

  private static final long SEED = 20261121;
  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final int WEEKS = 26;

  private final List<DemoCalendar.Patient> patients =
      DemoCalendar.place(new DemoStories(SEED), SEED, 300, 0, NOW, (story, random) -> Duration.ZERO);

  /** Integration sessions held per week, this week first, as the history will hold them. */
  private long[] sessionsPerWeek() {
    long[] weeks = new long[WEEKS];
    for (DemoCalendar.Patient patient : patients) {
      List<StoryStep> written = patient.kind() == DemoCalendar.Kind.FINISHED ? patient.story().steps() : patient.story().done();
      written.stream().filter(step -> step.activityId().equals("integrationSession")).forEach(step -> {
        long week = Duration.between(patient.referral().plus(step.at()), NOW).toDays() / 7;
        if (week < WEEKS) {
          weeks[(int) week]++;
        }
      });
    }
    return weeks;
  }

  @Test
  void theLastWeeksHoldAsManySessionsAsTheMonthsBefore() {
    long[] weeks = sessionsPerWeek();
    long[] sorted = Arrays.copyOfRange(weeks, 0, WEEKS);
    Arrays.sort(sorted);
    long median = sorted[WEEKS / 2];
    assertThat(median).isGreaterThan(30);
    for (int week = 0; week < WEEKS; week++) {
      assertThat(weeks[week]).as("sessions %d weeks ago (median %d): %s", week, median, Arrays.toString(weeks))
          .isBetween(Math.round(median * 0.6), Math.round(median * 1.5));
    }
  }

  @Test
  void theFinishedJourneysAreAsManyAsSetAndEndBeforeTodayAndTheRestWaitAtTheirNextStep() {
    assertThat(patients).filteredOn(p -> p.kind() == DemoCalendar.Kind.FINISHED).hasSize(300)
        .allMatch(p -> p.referral().plus(p.story().length()).isBefore(NOW.minus(Duration.ofDays(1))));
    List<DemoCalendar.Patient> underWay =
        patients.stream().filter(p -> p.kind() == DemoCalendar.Kind.UNDER_WAY).toList();
    assertThat(underWay).hasSizeGreaterThan(100);
    DemoStories stories = new DemoStories(SEED);
    for (DemoCalendar.Patient patient : underWay) {
      // The whole story of this patient id, as it would have been written had it finished before today.
      PatientStory whole = stories.finished(Integer.parseInt(patient.story().patientId().substring(2)) - 1001);
      Duration sinceReferral = Duration.between(patient.referral(), NOW);
      List<StoryStep> written = patient.story().steps();
      assertThat(whole.length().plus(Duration.ofDays(1))).as("%s could not have finished", whole.patientId())
          .isGreaterThan(sinceReferral);
      assertThat(whole.steps()).as("%s is its own story, cut", whole.patientId()).startsWith(written.toArray(StoryStep[]::new));
      assertThat(patient.story().done()).as("%s: done by today", whole.patientId())
          .allMatch(step -> step.at().compareTo(sinceReferral) <= 0);
      assertThat(patient.story().next().at().compareTo(sinceReferral) > 0 || written.size() == whole.steps().size())
          .as("%s waits for the first step after today", whole.patientId()).isTrue();
    }
    assertThat(patients).extracting(p -> p.story().patientId()).doesNotHaveDuplicates();
    assertThat(patients).allMatch(p -> !p.referral().isBefore(NOW.minus(DemoCalendar.HISTORY).minus(DemoCalendar.LEAD_IN)));
  }

  @Test
  void theQueuesOwnPatientsComeOnTopWithIdsOfTheirOwn() {
    List<DemoCalendar.Patient> withQueues =
        DemoCalendar.place(new DemoStories(SEED), SEED, 20, 41, NOW, (story, random) -> Duration.ofHours(1));
    assertThat(withQueues).filteredOn(p -> p.kind() == DemoCalendar.Kind.STAGED).hasSize(41)
        .allMatch(p -> p.referral().equals(NOW.minus(Duration.ofHours(1))));
    assertThat(withQueues).extracting(p -> p.story().patientId()).doesNotHaveDuplicates();
  }
}
