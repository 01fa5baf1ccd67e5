package org.kapcare.integrationwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.TestMailServer;
import org.kapcare.notification.NotificationStatus;
import org.kapcare.notification.Outbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.kapcare.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The integration window end to end, in real time: a journey's dose is discharged with a window of
 * a few seconds and left alone; the real job executor fires the deadline, the escalation reaches
 * the managers' queue and the dispatcher, polling on its own, mails the clinical lead once.
 */
@ContextConfiguration(initializers = TestDatabase.class)
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:kapcare-e2e-${random.uuid};DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256;DEFAULT_NULL_ORDERING=HIGH",
    "camunda.bpm.generate-unique-process-engine-name=true",
    // Started by the test once the dose is discharged, so the journey up to it is driven step by step.
    "camunda.bpm.job-execution.enabled=false",
    "kapcare.integration.window=PT4S",
    "kapcare.notify.poll-interval=PT0.2S",
    "kapcare.notify.group-addresses.managers=clinical-lead@clinic.example",
    "kapcare.notify.group-addresses.care-coordinators=coordinators@clinic.example",
    "kapcare.demo.history=false"})
@ActiveProfiles("demo")
class IntegrationWindowEndToEndTest extends JourneyDriver {

  private static final Duration WINDOW = Duration.ofSeconds(4);
  @RegisterExtension
  static final GreenMailExtension SMTP = TestMailServer.smtp();

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    TestMailServer.configure(registry);
  }

  @Autowired
  Outbox outbox;

  private JobExecutor jobExecutor() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
  }

  @AfterEach
  void stopJobExecutor() {
    jobExecutor().shutdown();
  }

  private long managersSee(String activityId, ProcessInstance journey) {
    signIn("manager", "managers");
    try {
      return engine.getTaskService().createTaskQuery().processInstanceId(journey.getId()).taskDefinitionKey(activityId)
          .count();
    } finally {
      signOut();
    }
  }

  private static List<MimeMessage> mailTo(String address) {
    return TestMailServer.mailTo(SMTP, address);
  }

  @Test
  void aDoseLeftAloneAfterDischargeReachesTheManagersSecondsAfterItsWindowCloses() throws Exception {
    ClockUtil.reset();
    ProcessInstance journey = atDosing();
    ProcessInstance dose = administer(journey, Answers.administerDose());

    Instant discharged = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    complete(dose, "dischargeCheck", Answers.dischargeCheck(discharged.toString()));
    Instant deadline = ((Date) engine.getRuntimeService().getVariable(dose.getId(), "integrationDeadline")).toInstant();
    assertThat(deadline).isEqualTo(discharged.plus(WINDOW));
    JobExecutor executor = jobExecutor();
    executor.setWaitTimeInMillis(100);
    executor.setMaxWait(500);
    executor.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> managersSee("reviewMissedIntegration", journey) == 1);
    Instant escalated = engine.getTaskService().createTaskQuery().processInstanceId(journey.getId())
        .taskDefinitionKey("reviewMissedIntegration").singleResult().getCreateTime().toInstant();
    assertThat(escalated).as("opened when the window closed, not before").isAfterOrEqualTo(deadline);
    await().atMost(Duration.ofSeconds(10)).until(() -> mailTo("clinical-lead@clinic.example").size() == 1);
    Instant mailed = Instant.now();

    assertThat(mailTo("clinical-lead@clinic.example")).singleElement()
        .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("Integration window missed for " + journey.getBusinessKey()));
    assertThat(mailTo("coordinators@clinic.example")).as("the reminder, at half the window").singleElement()
        .satisfies(mail -> assertThat(mail.getSubject()).startsWith("Integration session for " + journey.getBusinessKey()));
    BpmnAwareTests.assertThat(dose).isWaitingAt("scheduleIntegration").variables()
        .containsEntry("integrationWindowMissed", true);

    // Nothing more may follow: the outbox and the mail server stay as they are for a whole second.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(outbox.recent(null, journey.getBusinessKey(), 100))
          .extracting(NotificationStatus::template, NotificationStatus::status)
          .as("each notification queued once and sent; nothing left waiting")
          .containsExactlyInAnyOrder(
              tuple("pre-dose-instructions", "SENT"),
              tuple("integration-reminder", "SENT"),
              tuple("integration-reminder", "SENT"),
              tuple("integration-window-missed", "SENT"));
      assertThat(mailTo("clinical-lead@clinic.example")).hasSize(1);
    });
    System.out.printf("window closed %s; escalation task after %d ms, managers' mail after %d ms%n", deadline,
        Duration.between(deadline, escalated).toMillis(), Duration.between(deadline, mailed).toMillis());
  }
}
