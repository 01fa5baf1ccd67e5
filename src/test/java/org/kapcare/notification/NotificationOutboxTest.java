package org.kapcare.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcare.Answers;
import org.kapcare.ProcessDriver;
import org.kapcare.ProcessTest;
import org.kapcare.TestMailServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The outbox against a real SMTP server (GreenMail): notifications queued by the journeys' own
 * steps, delivered by the dispatcher, which the tests run explicitly.
 */
@ProcessTest
@TestPropertySource(properties = {
    "kapcare.notify.group-addresses.care-coordinators=coordinators@clinic.example",
    "kapcare.notify.group-addresses.managers=clinical-lead@clinic.example",
    "kapcare.clinic.name=Riverside KAP Clinic",
    "kapcare.clinic.phone=020 7946 0000"})
@ExtendWith(OutputCaptureExtension.class)
class NotificationOutboxTest extends ProcessDriver {

  @RegisterExtension
  static final GreenMailExtension SMTP = TestMailServer.smtp();

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    TestMailServer.configure(registry);
  }

  @Autowired
  OutboxDispatcher dispatcher;

  @Autowired
  Outbox outbox;

  /** Books a dose, sends its instructions and postpones it at the pre-dose check for high blood pressure. */
  private ProcessInstance postponedDose(String patientId, String email) {
    ProcessInstance dose = startDose(patientId, email, "IV");
    complete(dose, "scheduleDosing", "dosingAt", iso(NOW.plus(Duration.ofHours(1))), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");
    Map<String, Object> check = Answers.preDoseCheck();
    check.put("systolicBp", 172);
    complete(dose, "preDoseCheck", check);
    signIn("nurse", "nurses");
    complete(dose, "confirmPostponement", Answers.map());
    signOut();
    executeJob(dose, "notifyDosePostponed");
    return dose;
  }

  private ProcessInstance instructedDose(String patientId, String email) {
    ProcessInstance dose = startDose(patientId, email, "IV");
    complete(dose, "scheduleDosing", "dosingAt", iso(NOW.plus(Duration.ofHours(1))), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");
    return dose;
  }

  private List<NotificationStatus> rowsOf(String patientId) {
    return outbox.recent(null, patientId, 100);
  }

  private static List<MimeMessage> mailTo(String address) {
    return TestMailServer.mailTo(SMTP, address);
  }

  @Test
  void eachNotificationArrivesOnceInTheWordsOfItsReader(CapturedOutput log) throws Exception {
    postponedDose("K-0201", "alex@example.org");
    assertThat(rowsOf("K-0201")).extracting(NotificationStatus::template, NotificationStatus::recipient,
            NotificationStatus::status)
        .containsExactlyInAnyOrder(
            tuple("pre-dose-instructions", "patient", "PENDING"),
            tuple("dose-postponed", "patient", "PENDING"),
            tuple("dose-postponed", "care-coordinators", "PENDING"));
    assertThat(SMTP.getReceivedMessages()).as("nothing leaves inside the engine's transaction").isEmpty();

    assertThat(dispatcher.dispatchDue()).isEqualTo(3);
    assertThat(dispatcher.dispatchDue()).as("a second round finds nothing due").isZero();

    assertThat(SMTP.getReceivedMessages()).hasSize(3);
    assertThat(rowsOf("K-0201")).allSatisfy(row -> {
      assertThat(row.status()).isEqualTo("SENT");
      assertThat(row.deliveredBy()).isEqualTo("log,email");
      assertThat(row.attempts()).isEqualTo(1);
    });

    List<MimeMessage> toPatient = mailTo("alex@example.org");
    assertThat(toPatient).extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
        "Getting ready for your session on Mon 23 Nov 2026, 10:00 (UTC)", "Your session has been moved");
    for (MimeMessage mail : toPatient) {
      assertThat(mail.getFrom()[0].toString()).contains("no-reply@kapcare.invalid");
      assertThat(text(mail)).contains("Dear Alex Example", "Riverside KAP Clinic", "020 7946 0000")
          .doesNotContain("K-0201", "172", "Systolic", "blood pressure");
      assertThat(html(mail)).contains("<p>Dear Alex Example,</p>").doesNotContain("K-0201", "Systolic");
    }

    List<MimeMessage> toCoordinators = mailTo("coordinators@clinic.example");
    assertThat(toCoordinators).singleElement().satisfies(mail -> {
      assertThat(mail.getSubject()).isEqualTo("Dose postponed: rebook K-0201");
      assertThat(text(mail)).contains("http://localhost:8080/camunda/app/tasklist/").doesNotContain("Alex", "172");
    });

    assertThat(ourLog(log)).contains("dose-postponed for patient K-0201 to care-coordinators: sent by e-mail")
        .doesNotContain("alex@example.org", "coordinators@clinic.example");
  }

  /** A booked session brings the patient a reminder the day before, in the clinic's time and words. */
  @Test
  void thePatientIsRemindedOfTheirDosingTheDayBefore() throws Exception {
    ProcessInstance dose = startDose("K-0401", "sam@example.org", "IV");
    Instant dosingAt = NOW.plus(Duration.ofDays(3));
    complete(dose, "scheduleDosing", "dosingAt", iso(dosingAt), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");

    assertThat(engine.getManagementService().createJobQuery().processInstanceId(dose.getId())
        .activityId("preDoseCheckReminderDue").singleResult().getDuedate()).isEqualTo(Date.from(dosingAt.minus(Duration.ofDays(1))));
    moveClockTo(dosingAt.minus(Duration.ofDays(1)));
    executeJob(dose, "preDoseCheckReminderDue");
    executeJob(dose, "remindPreDoseCheck");
    dispatcher.dispatchDue();

    List<MimeMessage> mails = mailTo("sam@example.org");
    assertThat(mails).as("the instructions when booked, the reminder the day before").hasSize(2);
    MimeMessage reminder = mails.get(1);
    assertThat(reminder.getSubject()).isEqualTo("Reminder: your dosing session on Thu 26 Nov 2026, 09:00 (UTC)");
    assertThat(text(reminder)).contains("Riverside KAP Clinic", "020 7946 0000").doesNotContain("K-0401");
    assertThat(engine.getTaskService().createTaskQuery().processInstanceId(dose.getId()).singleResult().getTaskDefinitionKey())
        .as("the reminder leaves the check waiting").isEqualTo("preDoseCheck");
  }

  /** Fails the job it runs in once, after the notification before it was queued in the same transaction. */
  public static class FailsFirstTime implements JavaDelegate {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public void execute(DelegateExecution execution) {
      if (CALLS.incrementAndGet() == 1) {
        throw new IllegalStateException("database hiccup after the notification was queued");
      }
    }
  }

  @Test
  void aJobRetriedAfterAFailureQueuesAndSendsNothingTwice() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("notify-then-fail").camundaHistoryTimeToLive(1)
        .startEvent()
        .serviceTask("alertThenFail").camundaAsyncBefore().camundaDelegateExpression("${notificationDelegate}")
        .camundaInputParameter("template", "safety-alert").camundaInputParameter("recipients", "prescribers,managers")
        .serviceTask("failsOnce").camundaClass(FailsFirstTime.class.getName())
        .endEvent()
        .done();
    Deployment deployment = engine.getRepositoryService().createDeployment()
        .addModelInstance("notify-then-fail.bpmn", model).deploy();
    try {
      FailsFirstTime.CALLS.set(0);
      ProcessInstance instance = engine.getRuntimeService().startProcessInstanceByKey("notify-then-fail",
          Answers.map("patientId", "K-0301"));

      assertThatThrownBy(() -> executeJob(instance, "alertThenFail"))
          .hasMessage("database hiccup after the notification was queued");
      assertThat(rowsOf("K-0301")).as("the failed attempt's rows rolled back with it").isEmpty();

      executeJob(instance, "alertThenFail");
      assertThat(rowsOf("K-0301")).extracting(NotificationStatus::recipient)
          .containsExactlyInAnyOrder("prescribers", "managers");
      dispatcher.dispatchDue();
      dispatcher.dispatchDue();

      assertThat(mailTo("clinical-lead@clinic.example")).singleElement()
          .satisfies(mail -> assertThat(mail.getSubject()).isEqualTo("URGENT: safety review for K-0301"));
      assertThat(SMTP.getReceivedMessages()).as("prescribers have no address here: logged only").hasSize(1);
      assertThat(rowsOf("K-0301")).filteredOn(row -> row.recipient().equals("prescribers"))
          .singleElement().satisfies(row -> assertThat(row.deliveredBy()).isEqualTo("log"));
    } finally {
      engine.getRepositoryService().deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void whileTheMailServerIsDownRowsWaitAndAreAllDeliveredOnceItIsBack() {
    SMTP.stop();
    instructedDose("K-0501", "sam@example.org");
    instructedDose("K-0502", "jo@example.org");
    instructedDose("K-0503", "lee@example.org");

    dispatcher.dispatchDue();
    List<NotificationStatus> waiting = outbox.recent("PENDING", null, 100);
    assertThat(waiting).hasSize(3).allSatisfy(row -> {
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.lastError()).startsWith("mail server unavailable");
      assertThat(row.nextAttemptAt()).isEqualTo(NOW.plus(Duration.ofSeconds(30)));
    });
    assertThat(dispatcher.dispatchDue()).as("nothing is tried before its wait is over").isZero();

    moveClockTo(NOW.plus(Duration.ofSeconds(30)));
    dispatcher.dispatchDue();
    assertThat(outbox.recent("PENDING", null, 100)).hasSize(3).allSatisfy(row -> {
      assertThat(row.attempts()).isEqualTo(2);
      assertThat(row.nextAttemptAt()).as("the wait doubles").isEqualTo(NOW.plus(Duration.ofSeconds(90)));
    });

    SMTP.start();
    moveClockTo(NOW.plus(Duration.ofSeconds(90)));
    assertThat(dispatcher.dispatchDue()).isEqualTo(3);

    assertThat(outbox.recent("PENDING", null, 100)).isEmpty();
    assertThat(SMTP.getReceivedMessages()).hasSize(3);
    for (String address : List.of("sam@example.org", "jo@example.org", "lee@example.org")) {
      assertThat(mailTo(address)).as("mail to " + address).hasSize(1);
    }
    assertThat(outbox.recent("SENT", "K-0502", 1)).singleElement().satisfies(row -> {
      assertThat(row.attempts()).isEqualTo(3);
      assertThat(row.lastError()).isNull();
      assertThat(row.sentAt()).isEqualTo(NOW.plus(Duration.ofSeconds(90)));
    });
  }

  @Test
  void aMalformedAddressFailsItsOwnRowWithoutBlockingTheOthers(CapturedOutput log) {
    instructedDose("K-0601", "kim@@example.org");
    instructedDose("K-0602", "ren@example.org");

    dispatcher.dispatchDue();

    assertThat(rowsOf("K-0601")).singleElement().satisfies(row -> {
      assertThat(row.status()).isEqualTo("FAILED");
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.lastError()).isEqualTo("the address is not a valid e-mail address");
    });
    assertThat(rowsOf("K-0602")).singleElement().satisfies(row -> assertThat(row.status()).isEqualTo("SENT"));
    assertThat(SMTP.getReceivedMessages()).hasSize(1);
    assertThat(mailTo("ren@example.org")).hasSize(1);

    moveClockTo(NOW.plus(Duration.ofDays(1)));
    assertThat(dispatcher.dispatchDue()).as("a row that can never go is not tried again").isZero();
    assertThat(ourLog(log)).contains("pre-dose-instructions for patient K-0601 to patient: failed for good")
        .doesNotContain("kim@@example.org");
  }

  /** What KAP Care logged; the test's mail server logs addresses of its own. */
  private static String ourLog(CapturedOutput log) {
    return log.getAll().lines().filter(line -> line.contains(" o.kapcare.")).collect(Collectors.joining("\n"));
  }

  private static String text(MimeMessage mail) throws Exception {
    return part(mail, "text/plain");
  }

  private static String html(MimeMessage mail) throws Exception {
    return part(mail, "text/html");
  }

  /** The alternative of the given type, wherever Spring's multipart nests it. */
  private static String part(MimeMessage mail, String type) throws Exception {
    return find((MimeMultipart) mail.getContent(), type);
  }

  private static String find(MimeMultipart multipart, String type) throws Exception {
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.isMimeType(type)) {
        return (String) part.getContent();
      }
      if (part.getContent() instanceof MimeMultipart nested) {
        String found = find(nested, type);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
