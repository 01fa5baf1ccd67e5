package org.kapcare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcare.Answers;
import org.kapcare.JourneyDriver;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.EngineClock;
import org.kapcare.clinic.Journeys;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** A manager reads the care journey in Cockpit. */
@WebAppTest
class CockpitBrowserTest extends JourneyDriver {

  @RegisterExtension
  static final Browser browser = new Browser();

  /** Where bpmn-js draws a BPMN element of the diagram. */
  private static By shape(String activityId) {
    return By.cssSelector("g.djs-shape[data-element-id='" + activityId + "']");
  }

  @Autowired
  RuntimeService runtime;

  private static By figure(String activityId) {
    return By.cssSelector(".kapcare-heat-figure[data-activity-id='" + activityId + "']");
  }

  /** Logs in as manager and opens Processes → care-journey from the process list, as a manager would. */
  private void openCareJourney() {
    browser.logIn("cockpit", "manager");
    browser.click(By.linkText("Processes"));
    browser.click(By.linkText(Journeys.CARE_JOURNEY));
  }

  @Test
  void aManagerOpensTheCareJourneyAndSeesWhereThePatientsAre() {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, Answers.referral("K-9201"));
    // Other test classes share this application, so the expected count comes from the engine.
    long waiting = runtime.createProcessInstanceQuery().processDefinitionKey(Journeys.CARE_JOURNEY)
        .activityIdIn("scheduleConsultation").count();

    openCareJourney();
    browser.visible(shape("scheduleConsultation"));
    browser.visible(shape("dosingSeries"));
    // Cockpit's own runtime overlay: how many journeys wait at each step.
    By count = By.cssSelector(".djs-overlays[data-container-id='scheduleConsultation'] .instance-count");
    browser.until(ExpectedConditions.textToBe(count, String.valueOf(waiting)));
    browser.screenshot("care-journey-diagram");
  }

  /**
   * The kapcare-insight plugin: each step coloured by the share of its tasks over the clinic's
   * target, the figures with the wait for a booked appointment apart, and the KPIs on the dashboard.
   */
  @Test
  void aManagerSeesTheHeatOverlayAndTheKpis() {
    // A consultation booked two hours ahead and recorded an hour after it.
    ProcessInstance journey = refer();
    complete(journey, "scheduleConsultation", "consultationAt", iso(NOW.plus(Duration.ofHours(2))));
    moveClockTo(NOW.plus(Duration.ofHours(3)));
    complete(journey, "consultation", Answers.consultation());

    openCareJourney();
    browser.visible(By.cssSelector("#kapcare-heatmap-panel[data-kapcare-loaded='true']"));
    List<WebElement> heat = browser.until(ExpectedConditions.presenceOfAllElementsLocatedBy(
        By.cssSelector("g.djs-shape[data-element-id='scheduleConsultation'] .kapcare-heat, "
            + "g.djs-shape[data-element-id='scheduleConsultation'].kapcare-heat")));
    assertThat(heat).as("the waiting step is coloured").isNotEmpty();
    WebElement legend = browser.visible(By.id("kapcare-heatmap-legend"));
    assertThat(legend.getText()).contains("Tasks against the clinic's targets, by the share over target", "on target (≤ 10% over)",
        "near (≤ 20%)", "missing target (> 20%)", "no target yet");

    // Each task's colour is its verdict's, and the figure says why.
    String verdict = browser.visible(figure("consultation")).getAttribute("data-verdict");
    assertThat(verdict).isIn("on-target", "near", "over");
    Object fill = ((JavascriptExecutor) browser.driver()).executeScript("return document.querySelector("
        + "\"g.djs-shape[data-element-id='consultation'] .djs-visual > rect\").style.fill");
    Object swatch = ((JavascriptExecutor) browser.driver()).executeScript("return getComputedStyle(document.querySelector("
        + "'#kapcare-heatmap-legend .kapcare-verdict-" + verdict + "')).backgroundColor");
    assertThat(fill).isEqualTo(swatch);
    assertThat(browser.visible(figure("consultation")).getText()).endsWith("% over");
    assertThat(browser.visible(figure("consultation")).getAttribute("title"))
        .contains("Target: within 4 h of the appointment", "Waiting for the booked appointment", "(planned)");

    // Gateways and the start carry no figure: theirs repeat their neighbours' and crowd them.
    assertThat(browser.driver().findElements(figure("safetyScreen"))).isEmpty();
    assertThat(browser.driver().findElements(figure("referral"))).isEmpty();

    new Select(browser.visible(By.id("kapcare-heatmap-metric"))).selectByVisibleText("Average time spent");
    browser.until(ExpectedConditions.textMatches(figure("consultation"), Pattern.compile("^.+\\n.+ booked\\n\\d+% over$")));
    browser.screenshot("heatmap");

    browser.click(By.linkText("Dashboard"));
    WebElement kpis = browser.visible(By.cssSelector("#kapcare-kpis[data-kapcare-loaded='true']"));
    assertThat(kpis.getText()).contains("Running journeys per stage", "Medical history and vitals");
    browser.screenshot("kpis");

    // Each table's CSV link, for the days shown, read with the manager's Cockpit session as a click would.
    WebElement export = browser.visible(By.id("kapcare-export-stages"));
    browser.scrollTo(export);
    browser.screenshot("kpi-tables");
    String from = browser.visible(By.id("kapcare-kpis-from")).getAttribute("value");
    String to = browser.visible(By.id("kapcare-kpis-to")).getAttribute("value");
    assertThat(export.getAttribute("href")).endsWith("/api/insight/kpis/stages.csv?from=" + from + "&to=" + to);
    Object file = ((JavascriptExecutor) browser.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "fetch(arguments[0], { credentials: 'same-origin' }).then(r => r.text().then(t => done(r.status + ' '"
        + " + r.headers.get('content-disposition') + ' ' + t)));", export.getAttribute("href"));
    assertThat((String) file).startsWith("200 attachment; filename=\"kapcare-stages-" + from + "-to-" + to + ".csv\"")
        .contains("Stage,Journeys", "Medical history and vitals,");
  }

  /**
   * The dashboard a manager acts on: this period against the one before, the weekly share in the
   * window against the clinic's target, the first doses by month, who carries the load by name,
   * and the missed windows narrowed to one patient, with the CSV link following the filter.
   */
  @Test
  void aManagerReadsTheTrendTheChartsWhoCarriesTheLoadAndNarrowsTheMissedWindows() {
    ProcessInstance journey = atDosing();
    ProcessInstance dose = administer(journey, Answers.administerDose());
    complete(dose, "dischargeCheck", Answers.dischargeCheck(iso(EngineClock.now())));
    moveClockTo(EngineClock.now().plus(Duration.ofHours(49)));
    executeJob(dose, "integrationDeadlinePassed");
    String patient = journey.getBusinessKey();

    browser.logIn("cockpit", "manager");
    WebElement kpis = browser.visible(By.cssSelector("#kapcare-kpis[data-kapcare-loaded='true']"));
    // The last three months up to the clinic's today, by the engine's clock (here 25 November 2026), not the browser's.
    assertThat(browser.visible(By.id("kapcare-kpis-from")).getAttribute("value")).isEqualTo("2026-08-26");
    assertThat(browser.visible(By.id("kapcare-kpis-to")).getAttribute("value")).isEqualTo("2026-11-25");
    assertThat(browser.visible(By.id("kapcare-kpi-trend")).getText())
        .contains("Integration sessions held in their window", "Missed integration windows", "(before)", "Change");
    assertThat(kpis.findElement(By.cssSelector("#kapcare-chart-integration .kapcare-chart-target"))
        .getAttribute("data-value")).isEqualTo("0.9");
    assertThat(kpis.findElement(By.id("kapcare-chart-integration")).getText()).contains("target 90%");
    assertThat(kpis.findElements(By.cssSelector("#kapcare-chart-first-dose rect.kapcare-chart-bar"))).isNotEmpty();
    assertThat(browser.visible(By.id("kapcare-kpi-therapists")).getText()).contains("Theo Therapist")
        .doesNotContain("therapist ");
    assertThat(browser.visible(By.id("kapcare-kpi-prescribers")).getText()).contains("Priya Prescriber");
    browser.scrollTo(browser.visible(By.id("kapcare-chart-integration")));
    browser.screenshot("kpi-trend-and-charts");

    WebElement search = browser.visible(By.id("kapcare-missed-patient"));
    browser.scrollTo(search);
    search.sendKeys(patient, Keys.TAB);
    browser.until(ExpectedConditions.textToBe(By.id("kapcare-missed-showing"), "1–1 of 1, newest first"));
    WebElement row = browser.visible(By.cssSelector("#kapcare-kpi-missed tbody tr"));
    assertThat(row.getText()).startsWith(patient + " nobody yet 25 Nov 2026, 09:").endsWith("not yet open journey");
    assertThat(browser.visible(By.id("kapcare-export-missed-windows")).getAttribute("href")).contains("patient=" + patient);
    browser.screenshot("missed-windows-narrowed");

    new Select(browser.visible(By.id("kapcare-missed-status"))).selectByVisibleText("held late");
    browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("kapcare-missed-body"),
        "No missed window with these filters."));

    // Whole months of the clinic's calendar: October has 31 days.
    browser.scrollTo(browser.visible(By.id("kapcare-kpis")));
    browser.click(By.xpath("//span[@class='kapcare-kpis-quick']/button[normalize-space()='Last month']"));
    browser.until(ExpectedConditions.attributeToBe(By.id("kapcare-kpis-to"), "value", "2026-10-31"));
    assertThat(browser.visible(By.id("kapcare-kpis-from")).getAttribute("value")).isEqualTo("2026-10-01");
    browser.click(By.xpath("//span[@class='kapcare-kpis-quick']/button[normalize-space()='This month']"));
    browser.until(ExpectedConditions.attributeToBe(By.id("kapcare-kpis-to"), "value", "2026-11-25"));
    assertThat(browser.visible(By.id("kapcare-kpis-from")).getAttribute("value")).isEqualTo("2026-11-01");
  }
}
