package org.kapcare.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcare.TestDatabase;
import org.kapcare.clinic.Journeys;
import org.kapcare.notification.NotificationStatus;
import org.kapcare.notification.Outbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The demo clinic written at start-up through the real processes (fewer finished journeys than the
 * default, every running stage): every group's Tasklist filter has work and nothing is sent again.
 * The finished journeys are written while the app runs; each test starts once they are.
 */
@ContextConfiguration(initializers = TestDatabase.class)
@SpringBootTest(properties = {
    "spring.datasource.url=jdbc:h2:mem:kapcare-demo-${random.uuid};DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=256;DEFAULT_NULL_ORDERING=HIGH",
    "camunda.bpm.generate-unique-process-engine-name=true",
    "camunda.bpm.job-execution.enabled=false",
    "kapcare.notify.dispatcher-enabled=false",
    "kapcare.demo.finished-journeys=20",
    "kapcare.demo.running-journeys=41"})
@ActiveProfiles("demo")
class DemoClinicTest {

  @Autowired
  DemoClinic demoClinic;
  @Autowired
  HistoryService history;
  @Autowired
  RuntimeService runtime;
  @Autowired
  FilterService filters;
  @Autowired
  IdentityService identity;
  @Autowired
  Outbox outbox;

  @BeforeEach
  void finishedJourneysWritten() throws Exception {
    demoClinic.finishedJourneys().get(2, TimeUnit.MINUTES);
  }

  @AfterEach
  void signOut() {
    identity.clearAuthentication();
  }

  @Test
  void finishedJourneysLieInThePastAndRunningOnesWaitNow() {
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY).finished().count())
        .isEqualTo(20);
    // The queues' 41 and the journeys referred in the last months that are still under way.
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY).count()).isGreaterThan(41);
    Instant now = Instant.now();
    assertThat(history.createHistoricProcessInstanceQuery().startedBefore(Date.from(now.minus(Duration.ofDays(90))))
        .processDefinitionKey(Journeys.CARE_JOURNEY).count()).as("referrals months ago").isPositive();
    assertThat(history.createHistoricActivityInstanceQuery().startedAfter(Date.from(now.plusSeconds(60))).count())
        .as("nothing in the future").isZero();
    assertThat(ClockUtil.getCurrentTime().toInstant()).isCloseTo(now, within(1, ChronoUnit.MINUTES));
  }

  /** Patients answered most check-ins, scored like the consultation, and none of their answers is in the future. */
  @Test
  void patientsHaveCheckInsInTheirHistoryMostOfThemAnswered() {
    long answered = history.createHistoricProcessInstanceQuery().processDefinitionKey(Journeys.PATIENT_CHECK_IN)
        .finished().executedActivityIdIn("checkInAnswered").count();
    long unanswered = history.createHistoricProcessInstanceQuery().processDefinitionKey(Journeys.PATIENT_CHECK_IN)
        .finished().executedActivityIdIn("checkInUnanswered").count();
    assertThat(answered).as("answered check-ins").isGreaterThan(3 * unanswered).isGreaterThan(40);
    assertThat(unanswered).as("check-ins left unanswered").isPositive();
    String someAnswered = history.createHistoricProcessInstanceQuery().processDefinitionKey(Journeys.PATIENT_CHECK_IN)
        .finished().executedActivityIdIn("checkInAnswered").listPage(0, 1).get(0).getId();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(someAnswered).variableName("phq9Score")
        .singleResult().getValue()).as("an answered check-in's PHQ-9").isInstanceOf(Integer.class);
    assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(Journeys.PATIENT_CHECK_IN)
        .finishedAfter(Date.from(Instant.now().plusSeconds(60))).count()).as("nothing closes in the future").isZero();
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Journeys.PATIENT_CHECK_IN).list())
        .as("what still waits is a check-in of a patient in care")
        .allSatisfy(checkIn -> assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY)
            .processInstanceBusinessKey(checkIn.getBusinessKey()).count()).isEqualTo(1));
  }

  @Test
  void everyQueueAndEscalationFilterHasWork() {
    for (Filter filter : filters.createTaskFilterQuery().list()) {
      if (filter.getName().equals("My tasks")) {
        continue;
      }
      identity.setAuthentication("manager", List.of("care-coordinators", "therapists", "prescribers", "nurses", "managers"));
      assertThat(filters.count(filter.getId())).as(filter.getName()).isPositive();
    }
  }

  @Test
  void whatTheStoriesNotifiedIsShownAsDeliveredNotSentAgain() {
    List<NotificationStatus> notifications = outbox.recent(null, null, 500);
    assertThat(notifications).isNotEmpty().allMatch(row -> row.status().equals(NotificationStatus.SENT));
    assertThat(outbox.recent(NotificationStatus.PENDING, null, 10)).isEmpty();
  }

  @Test
  void aSecondStartWritesNothingMore() {
    long journeys = history.createHistoricProcessInstanceQuery().count();
    demoClinic.afterSingletonsInstantiated();
    assertThat(history.createHistoricProcessInstanceQuery().count()).isEqualTo(journeys);
  }
}
