package org.kapcare.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcare.ProcessTest;
import org.kapcare.clinic.EngineClock;
import org.kapcare.notification.NotificationStatus;
import org.kapcare.notification.Outbox;
import org.kapcare.notification.OutboxMessage;
import org.kapcare.notification.RenderedMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.test.context.TestPropertySource;

/** What /actuator/health tells the people who run the clinic's nodes: outbox backlog and stuck jobs. */
@ProcessTest
// A database of its own: the checks count every waiting notification and job in it.
@TestPropertySource(properties = "kapcare.test.clinic=health")
class HealthTest {

  @Autowired
  HealthContributorRegistry health;
  @Autowired
  Outbox outbox;
  @Autowired
  RuntimeService runtime;
  @Autowired
  ManagementService management;
  @Autowired
  RepositoryService repository;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void aNotificationWaitingHalfAnHourTakesTheOutboxDown() {
    assertThat(indicator("outbox").health().getStatus()).isEqualTo(Status.UP);

    outbox.add(new OutboxMessage("pi-h", "ai-h", "integration-reminder", "therapists", "K-9001", null,
        new RenderedMessage("Reminder", "text", "<p>html</p>")), EngineClock.now().minus(Duration.ofMinutes(31)));

    var down = indicator("outbox").health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails()).containsEntry("pending", 1L).containsEntry("oldestPendingMinutes", 31L);
    assertThat(down.getDetails().toString()).doesNotContain("K-9001", "therapists");
    assertThat(outbox.recent(NotificationStatus.PENDING, null, 5)).hasSize(1);
  }

  @Test
  void jobsDueLongAgoThatNoNodeTookTakeTheJobsDown() {
    // A step that waits for the job executor, which this test does not run.
    repository.createDeployment().addModelInstance("health-probe.bpmn", Bpmn.createExecutableProcess("health-probe")
        .camundaHistoryTimeToLive(1).startEvent().camundaAsyncAfter().endEvent().done()).deploy();
    runtime.startProcessInstanceByKey("health-probe");
    assertThat(management.createJobQuery().processDefinitionKey("health-probe").executable().count()).isEqualTo(1);
    assertThat(indicator("jobs").health().getStatus()).isEqualTo(Status.UP);

    ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofMinutes(6))));

    var down = indicator("jobs").health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat((Long) down.getDetails().get("dueNotAcquired")).isPositive();
    assertThat(down.getDetails()).containsKey("incidents");
  }

  /**
   * Inside its nightly window the history cleanup job is due from the window's start, hours ago,
   * and a node may be set to leave it alone: neither is a job executor that stopped working.
   */
  @Test
  void theHistoryCleanupWaitingInsideItsWindowLeavesTheJobsUp() {
    var cleanup = management.createJobQuery().list().stream()
        .filter(job -> "history-cleanup".equals(((JobEntity) job).getJobHandlerType())).findFirst().orElseThrow();
    Instant windowOpened = EngineClock.now().minus(Duration.ofHours(3));
    management.setJobDuedate(cleanup.getId(), Date.from(windowOpened));

    var jobs = indicator("jobs").health();
    assertThat(jobs.getStatus()).isEqualTo(Status.UP);
    assertThat(jobs.getDetails()).containsEntry("dueNotAcquired", 0L)
        .containsEntry("historyCleanupDue", windowOpened.truncatedTo(ChronoUnit.MILLIS).toString());
  }

  private HealthIndicator indicator(String name) {
    return (HealthIndicator) health.getContributor(name);
  }
}
