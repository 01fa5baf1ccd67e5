package org.kapcare.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The demo's 300 finished stories have the branches and shares a manager should see; no engine needed. */
class DemoStoriesTest {

  private static final long SEED = 20261121;
  private final List<PatientStory> finished = IntStream.range(0, 300).mapToObj(new DemoStories(SEED)::finished).toList();

  @Test
  void theSameSeedTellsTheSameStories() {
    assertThat(new DemoStories(SEED).finished(7)).isEqualTo(finished.get(7));
    assertThat(new DemoStories(SEED + 1).finished(7)).isNotEqualTo(finished.get(7));
  }

  @Test
  void storiesTakeTheClinicsBranches() {
    assertThat(share("referOut")).as("ruled out or not cleared").isBetween(0.05, 0.20);
    assertThat(share(StoryStep.WITHDRAWAL)).as("withdrawn").isBetween(0.02, 0.10);
    assertThat(share("urgentSafetyReview")).as("urgent safety review").isBetween(0.02, 0.12);
    assertThat(share("medicalClearance")).as("medical clearance").isBetween(0.05, 0.20);
    assertThat(share("prescriberReview")).as("prescriber review before a dose").isPositive();
    assertThat(share("confirmPostponement")).as("dose postponed").isPositive();
    assertThat(share("submitRemsMonitoringForm")).as("esketamine REMS forms").isPositive();
    assertThat(share("dischargeSummary")).as("completed").isGreaterThan(0.6);
  }

  @Test
  void aboutOneIntegrationWindowInTenIsMissed() {
    long sessions = count("integrationSession");
    long missed = count("reviewMissedIntegration");
    assertThat(sessions).isGreaterThan(1000);
    assertThat((double) missed / sessions).isBetween(0.07, 0.13);
  }

  @Test
  void followUpsHaveRespondersAndNonResponders() {
    List<Integer> phq9 = finished.stream().flatMap(story -> story.steps().stream())
        .filter(step -> step.activityId().equals("followUpAssessment"))
        .map(step -> IntStream.rangeClosed(1, 9)
            .map(i -> Integer.parseInt((String) step.values().get("followUpPhq9_" + i))).sum())
        .toList();
    assertThat(phq9).anyMatch(score -> score < 5).anyMatch(score -> score >= 10);
  }

  @Test
  void everyFinishedStoryFitsInTheSixMonthsOfHistory() {
    assertThat(finished).allMatch(story -> story.length().compareTo(Duration.ofDays(180)) < 0);
    assertThat(finished).allMatch(story -> isChronological(story.steps()));
  }

  /** DemoStories draws until a story reaches the stage, and gives up on a stage no story reaches. */
  @Test
  void everyRunningStageIsReachedByAStoryThatHasNotBeenThereYet() {
    DemoStories stories = new DemoStories(SEED);
    for (int i = 0; i < DemoStories.RUNNING_STAGES.size(); i++) {
      String stage = DemoStories.RUNNING_STAGES.get(i);
      PatientStory story = stories.running(300 + i, i);
      assertThat(story.next().activityId()).isEqualTo(stage);
      assertThat(story.done()).as(stage).isNotEmpty()
          .noneMatch(step -> step.activityId().equals(stage) || step.activityId().equals(StoryStep.WITHDRAWAL));
      assertThat(isChronological(story.steps())).as(stage).isTrue();
    }
  }

  private static boolean isChronological(List<StoryStep> steps) {
    return IntStream.range(1, steps.size()).allMatch(i -> steps.get(i - 1).at().compareTo(steps.get(i).at()) <= 0);
  }

  private double share(String activityId) {
    return (double) finished.stream().filter(story -> story.reaches(activityId)).count() / finished.size();
  }

  private long count(String activityId) {
    return finished.stream().flatMap(story -> story.steps().stream())
        .filter(step -> step.activityId().equals(activityId)).count();
  }
}
