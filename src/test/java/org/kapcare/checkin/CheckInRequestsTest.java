package org.kapcare.checkin;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.junit.jupiter.api.Test;

/** A clinic that sends no check-ins neither starts one nor prompts a nurse about one never sent. */
class CheckInRequestsTest {

  @Test
  void checkInsTurnedOffLeaveTheDoseAsItIs() {
    CheckInProperties off = new CheckInProperties(false, Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(3),
        Duration.ofDays(3), 20, 50, Duration.ofMinutes(10), null);
    RuntimeService runtime = mock(RuntimeService.class);
    DelegateExecution dose = mock(DelegateExecution.class);

    new CheckInRequests(runtime, mock(HistoryService.class), off).execute(dose);

    verifyNoInteractions(runtime, dose);
  }
}
