package org.kapcare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.EngineClock;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** The patient beside the task in Tasklist: the Patient tab, and "Find patient" in the header. */
@WebAppTest
class PatientChartBrowserTest extends JourneyDriver {

  @RegisterExtension
  static final Browser browser = new Browser();

  private static final By PATIENT_TAB = By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space()='Patient']");
  private static final By CHART = By.id("kapcare-chart");

  /** A patient whose first dose was given (35 mg, 0.5 mg/kg), waiting at the second dose's pre-dose check. */
  private ProcessInstance atSecondPreDoseCheck() {
    Map<String, Object> consultation = Answers.consultation();
    consultation.put("plannedDoses", 2);
    ProcessInstance journey = consulted(consultation);
    complete(journey, "medicalHistory", Answers.medicalHistory());
    complete(journey, "informedConsent", "consentGiven", true, "consentFormVersion", "2026-03");
    bookPreparationSession(journey);
    holdPreparationSession(journey, "ready");
    holdPreparationSession(journey, "ready");
    giveDose(journey);
    moveClockTo(EngineClock.now().plus(Duration.ofDays(7)));
    ProcessInstance dose = currentDose(journey);
    complete(dose, "scheduleDosing", "dosingAt", iso(EngineClock.now().plus(Duration.ofHours(2))), "rideHomeArranged", true);
    executeJob(dose, "sendPreDoseInstructions");
    return journey;
  }

  @Test
  void aNurseAtThePreDoseCheckSeesTheBaselineAndTheLastDose() {
    String patientId = atSecondPreDoseCheck().getBusinessKey();

    browser.logIn("tasklist", "nurse");
    browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(),'Nursing queue')]"));
    browser.click(By.xpath("//li[contains(@class,'task')]//h4//a[contains(normalize-space(),'Pre-dose check — " + patientId + "')]"));
    browser.click(PATIENT_TAB);

    WebElement chart = browser.visible(CHART);
    assertThat(chart.getAttribute("data-patient")).isEqualTo(patientId);
    assertThat(chart.getText()).contains("Dosing: dose 2 of 2", "IV infusion", "treatment-resistant depression",
        "128/82, HR 72", "sertraline 100 mg", "Dosing session, 30 Nov 2026, 11:00");
    WebElement doses = browser.visible(By.id("kapcare-chart-doses"));
    assertThat(doses.findElements(By.cssSelector("tbody tr")).get(0).getText())
        .contains("35 mg (0.50 mg/kg)", "126/80, HR 74, SpO₂ 98%", "124/80, HR 72, SpO₂ 98%", "75 min", "given");
    assertThat(chart.getText()).doesNotContain("TRD", "ESKETAMINE", "undefined", "null", "cssrs", "phq9");
    browser.scrollTo(chart);
    browser.screenshot("nurse-patient-tab");
  }

  @Test
  void aPrescriberFindsAPatientAndReadsThePhq9Chart() {
    String patientId = atSecondPreDoseCheck().getBusinessKey();

    browser.logIn("tasklist", "prescriber");
    browser.click(By.id("kapcare-find-patient"));
    browser.type(By.id("kapcare-patient-query"), patientId, Keys.TAB);
    browser.click(By.cssSelector(".kapcare-found a[data-patient='" + patientId + "']"));

    WebElement phq9 = browser.visible(By.cssSelector("#kapcare-patient-search figure[data-scale='PHQ-9']"));
    assertThat(phq9.getText()).contains("PHQ-9: 19 (baseline)", "moderately severe", "severe", "minimal");
    assertThat(phq9.findElements(By.cssSelector("circle.kapcare-score-point"))).hasSize(1);
    assertThat(phq9.findElements(By.cssSelector("rect.kapcare-band"))).hasSize(5);
    browser.scrollTo(phq9);
    browser.screenshot("prescriber-finds-patient");
  }

  private void openTask(String queue, String taskName) {
    browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(),'" + queue + "')]"));
    browser.click(By.xpath("//li[contains(@class,'task')]//h4//a[contains(normalize-space(),'" + taskName + "')]"));
    browser.click(PATIENT_TAB);
  }

  @Test
  void aTherapistRaisesASafetyConcernAndTheUrgentReviewTopsThePrescribersQueue() {
    ProcessInstance journey = consented();
    String patientId = journey.getBusinessKey();

    browser.logIn("tasklist", "therapist");
    openTask("Therapy queue", "Preparation session — " + patientId);
    // What a clinician types is shown as their words, never as the page's code (the review's form is markdown).
    browser.type(By.id("kapcare-concern-text"), "Told me he has stopped eating and has a plan to hurt himself "
        + "<img src=x onerror=\"document.title='pwned'\"> [details](javascript:document.title='pwned')");
    browser.click(By.id("kapcare-raise-concern"));
    assertThat(browser.visible(By.id("kapcare-chart-notice")).getText())
        .isEqualTo("Safety concern raised: the prescribers have an urgent safety review.");
    browser.screenshot("therapist-raised-concern");

    executeJob(journey, "sendSafetyAlert");
    browser.driver().manage().deleteAllCookies();
    browser.logIn("tasklist", "prescriber");
    browser.click(By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(),'Prescriber queue')]"));
    WebElement first = browser.visible(By.cssSelector(".tasks-list li.task h4 a"));
    assertThat(first.getText()).isEqualTo("Urgent safety review — " + patientId);
    first.click();
    WebElement form = browser.visible(By.cssSelector(".fjs-form"));
    assertThat(form.getText())
        .contains("Concern raised by Theo Therapist: Told me he has stopped eating and has a plan to hurt himself");
    assertThat(form.findElements(By.cssSelector("[onerror], a[href^='javascript']"))).as("markup from the concern").isEmpty();
    assertThat(browser.driver().getTitle()).isNotEqualTo("pwned");
    browser.screenshot("prescriber-urgent-review");
  }

  @Test
  void aCoordinatorRecordsAWithdrawalFromThePatientTab() {
    ProcessInstance journey = refer();
    String patientId = journey.getBusinessKey();

    browser.logIn("tasklist", "coordinator");
    openTask("Care coordination queue", "Book consultation — " + patientId);
    assertThat(browser.visible(CHART).getText()).doesNotContain("Safety", "Scores", "Raise a safety concern");
    browser.click(By.id("kapcare-record-withdrawal"));
    assertThat(browser.visible(By.id("kapcare-record-withdrawal")).getText()).isEqualTo("Confirm: Alex Example leaves the programme");
    browser.click(By.id("kapcare-record-withdrawal"));
    assertThat(browser.visible(By.id("kapcare-chart-notice")).getText())
        .isEqualTo("Withdrawal recorded: \"Close case\" is in the care coordination queue.");
    assertThat(taskAt(journey, "closeCase")).isNotNull();
    browser.screenshot("coordinator-recorded-withdrawal");
  }

  @Test
  void startingAJourneyForAPatientInCareSaysSoAndLinksToTheirChart() {
    String patientId = refer().getBusinessKey();

    browser.logIn("tasklist", "coordinator");
    browser.click(By.xpath("//a[contains(normalize-space(),'Start process')]"));
    browser.click(By.xpath("//a[contains(normalize-space(),'KAP care journey')]"));
    browser.type(By.cssSelector("input[id$='Field_patientId']"), patientId);
    browser.type(By.cssSelector("input[id$='Field_patientName']"), "Alex Example");
    browser.click(By.cssSelector(".fjs-form-field-select .fjs-input-group"));
    browser.click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space()='Treatment-resistant depression']"));
    browser.click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space()='Start']"));

    WebElement link = browser.visible(By.cssSelector("a.kapcare-open-patient[data-patient='" + patientId + "']"));
    WebElement refusal = browser.visible(By.xpath("//*[contains(@class,'alert')][.//a[contains(@class,'kapcare-open-patient')]]"));
    assertThat(refusal.getText())
        .contains("Patient " + patientId + " already has a care journey in progress: open it with Find patient");
    browser.scrollTo(refusal);
    browser.screenshot("duplicate-refused-with-link");
    link.click();
    assertThat(browser.visible(By.cssSelector("#kapcare-patient-search #kapcare-chart")).getAttribute("data-patient"))
        .isEqualTo(patientId);
  }

  @Test
  void aCoordinatorFollowingACockpitLinkGetsAPlainPage() {
    browser.logIn("tasklist", "coordinator");
    browser.open("/camunda/app/cockpit/default/");

    assertThat(browser.visible(By.tagName("h1")).getText()).isEqualTo("This page is not for your role");
    assertThat(browser.driver().getPageSource()).doesNotContain("Whitelabel", "status=403", "Forbidden");
    browser.click(By.linkText("Go to your tasks in Tasklist"));
    browser.visible(By.xpath("//*[contains(@class,'task-filter')]//a[contains(normalize-space(),'Care coordination queue')]"));
  }
}
