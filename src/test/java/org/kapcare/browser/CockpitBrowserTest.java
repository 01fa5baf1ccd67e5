package org.kapcare.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.Journeys;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/** A manager reads the care journey in Cockpit. */
@WebAppTest
class CockpitBrowserTest {

  @RegisterExtension
  static final Browser browser = new Browser();

  /** Where bpmn-js draws a BPMN element of the diagram. */
  private static By shape(String activityId) {
    return By.cssSelector("g.djs-shape[data-element-id='" + activityId + "']");
  }

  @Autowired
  RuntimeService runtime;

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
   * The kapcare-insight plugin: the diagram coloured by how often each step ran, with its legend,
   * and the KPIs on the dashboard.
   */
  @Test
  void aManagerSeesTheHeatOverlayAndTheKpis() {
    runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, Answers.referral("K-9202"));

    openCareJourney();
    browser.visible(By.cssSelector("#kapcare-heatmap-panel[data-kapcare-loaded='true']"));
    List<WebElement> heat = browser.until(ExpectedConditions.presenceOfAllElementsLocatedBy(
        By.cssSelector("g.djs-shape[data-element-id='scheduleConsultation'] .kapcare-heat, "
            + "g.djs-shape[data-element-id='scheduleConsultation'].kapcare-heat")));
    assertThat(heat).as("the waiting step is coloured").isNotEmpty();
    assertThat(browser.visible(By.id("kapcare-heatmap-legend")).getText()).contains("How often");
    browser.screenshot("heatmap");

    browser.click(By.linkText("Dashboard"));
    WebElement kpis = browser.visible(By.cssSelector("#kapcare-kpis[data-kapcare-loaded='true']"));
    assertThat(kpis.getText()).contains("Running journeys per stage", "Book consultation");
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
        .contains("Stage,Journeys", "Book consultation,");
  }
}
