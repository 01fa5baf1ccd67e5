package org.kapcare.integrationwindow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kapcare.HeadlessApp;
import org.kapcare.clinic.StartRefused;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The whole application, started as a clinic would start it, refuses a window the protocol does not allow. */
@ExtendWith(OutputCaptureExtension.class)
class RefusedWindowStartUpTest {

  @Test
  void aWindowOver48HoursStopsStartUpWithAShortReportNamingTheProperty(CapturedOutput output) {
    assertThatThrownBy(() -> HeadlessApp.start(
        "--kapcare.integration.window=PT49H",
        // The demo, so that no first administrator is needed (security/FirstAdministrator).
        "--spring.profiles.active=demo",
        "--spring.datasource.url=jdbc:h2:mem:refused-window;DB_CLOSE_DELAY=-1",
        "--kapcare.demo.history=false"))
        .hasRootCauseInstanceOf(StartRefused.class);

    assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
        "kapcare.integration.window must be a positive duration of at most PT48H (48 hours), was PT49H",
        "Change or remove kapcare.integration.window");
  }
}
