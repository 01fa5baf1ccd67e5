package org.kapcare.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kapcare.HeadlessApp;
import org.kapcare.forms.InvalidInputException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A clinic setting that refuses the demo's answers: in a running journey it stops the start, in the
 * history written while the app runs it stops the history; either way the message names the
 * patient, the refused answer and what to do.
 */
class DemoClinicRefusedTest {

  // The demo's nurses watch a patient 60 to 150 minutes after a dose; this clinic wants 200.
  private static final String REFUSING_SETTING = "--kapcare.clinical.minimum-monitoring-minutes=200";

  @Test
  void inARunningJourneyTheStartStops() {
    Throwable refused = catchThrowable(() -> start("refused-running", "--kapcare.demo.finished-journeys=0",
        "--kapcare.demo.running-journeys=41"));

    assertNamesThePatientAndTheWayOut(refused);
  }

  @Test
  void inTheHistoryTheAppRunsOnWithoutTheRest() {
    try (ConfigurableApplicationContext app = start("refused-history", "--kapcare.demo.finished-journeys=10",
        "--kapcare.demo.running-journeys=0")) {
      Throwable refused = catchThrowable(() -> app.getBean(DemoClinic.class).finishedJourneys().get(2, TimeUnit.MINUTES));

      assertNamesThePatientAndTheWayOut(refused);
      assertThat(app.isRunning()).isTrue();
    }
  }

  private static ConfigurableApplicationContext start(String database, String... demo) {
    List<String> args = new ArrayList<>(List.of("--spring.profiles.active=demo", REFUSING_SETTING,
        "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1"));
    args.addAll(List.of(demo));
    return HeadlessApp.start(args.toArray(String[]::new));
  }


  private static void assertNamesThePatientAndTheWayOut(Throwable refused) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
      chain.add(cause);
    }
    assertThat(chain).last().isInstanceOf(InvalidInputException.class);
    assertThat(chain).filteredOn(cause -> cause.getMessage() != null
            && cause.getMessage().startsWith("Demo clinic: patient P-"))
        .singleElement().extracting(Throwable::getMessage).asString()
        .contains("dischargedAt", "Delete the database (./data)", "kapcare.demo.history=false");
  }
}
