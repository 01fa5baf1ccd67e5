package org.kapcare.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kapcare.KapCareApplication;
import org.kapcare.journey.InvalidInputException;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A clinic setting that refuses the demo's answers stops the start with a message that says what to do. */
class DemoClinicRefusedTest {

  @Test
  void aSettingThatRefusesTheDemosAnswersNamesThePatientAndTheWayOut() {
    Throwable refused = catchThrowable(() -> new SpringApplicationBuilder(KapCareApplication.class).run(
        // The demo's nurses watch a patient 60 to 150 minutes after a dose; this clinic wants 200.
        "--spring.profiles.active=demo",
        "--kapcare.clinical.minimum-monitoring-minutes=200",
        "--kapcare.demo.finished-journeys=10",
        "--kapcare.demo.running-journeys=0",
        "--spring.datasource.url=jdbc:h2:mem:refused-demo;DB_CLOSE_DELAY=-1",
        // No web server (see RefusedWindowStartUpTest), so neither the REST API nor the webapps, which need one.
        "--spring.main.web-application-type=none",
        "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
            + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.job-execution.enabled=false"));

    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
      chain.add(cause);
    }
    assertThat(chain).last().isInstanceOf(InvalidInputException.class);
    assertThat(chain).filteredOn(cause -> cause.getMessage() != null
            && cause.getMessage().startsWith("Demo clinic: patient P-"))
        .singleElement().extracting(Throwable::getMessage).asString()
        .contains("minutesMonitored", "Delete the database (./data)", "kapcare.demo.history=false");
  }
}
