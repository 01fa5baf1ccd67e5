package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which writes a staff member's call may make, by either door to the engine, whatever the path's spelling. */
class StaffWritesTest {

  private static EngineCall call(String method, String servletPath, String pathInfo) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, servletPath + pathInfo);
    request.setServletPath(servletPath);
    request.setPathInfo(pathInfo);
    return EngineCall.of(request);
  }

  @ParameterizedTest(name = "{0} {1}{2}: {3}")
  @CsvSource(delimiter = '|', textBlock = """
      POST   | /engine-rest              | /task/t1/complete                          | true
      POST   | /engine-rest              | /engine/default/task/t1/submit-form        | true
      POST   | /camunda/api/engine       | /engine/default/task/t1/submit-form        | true
      POST   | /engine-rest              | /task/t1/complete/                         | true
      POST   | /engine-rest              | /task/t1/claim                             | true
      POST   | /engine-rest              | /filter/f1/list                            | true
      POST   | /engine-rest              | /process-definition/key/care-journey/start | true
      POST   | /engine-rest              | /history/task/count                        | true
      PUT    | /engine-rest              | /user/nurse/credentials                    | true
      POST   | /camunda/api/engine       | /engine/default/identity/password-policy   | true
      POST   | /engine-rest              | /identity/verify                           | false
      POST   | /engine-rest              | /task/t1/variables                         | false
      PUT    | /engine-rest              | /task/t1/variables/x                       | false
      DELETE | /engine-rest              | /task/t1/variables/x                       | false
      POST   | /engine-rest              | /task/t1/localVariables                    | false
      POST   | /engine-rest              | /task/t1/resolve                           | false
      POST   | /engine-rest              | /task/t1/delegate                          | false
      POST   | /engine-rest              | /task/t1/comment/create                    | false
      POST   | /engine-rest              | /task/t1/attachment/create                 | false
      DELETE | /engine-rest              | /task/t1/attachment/a1                     | false
      POST   | /engine-rest              | /task/create                               | false
      DELETE | /engine-rest              | /task/t1                                   | false
      POST   | /engine-rest              | /process-instance/p1/variables             | false
      POST   | /engine-rest              | /process-instance/p1/modification          | false
      POST   | /engine-rest              | /process-instance/delete                   | false
      POST   | /engine-rest              | /process-definition/key/care-journey/tenant-id/x/start | false
      PUT    | /engine-rest              | /job/j1/retries                            | false
      POST   | /engine-rest              | /job/j1/execute                            | false
      POST   | /camunda/api/engine       | /engine/default/job/j1/execute             | false
      POST   | /engine-rest              | /history/process-instance/delete           | false
      POST   | /engine-rest              | /history/cleanup                           | false
      POST   | /engine-rest              | /message                                   | false
      POST   | /engine-rest              | /signal                                    | false
      POST   | /engine-rest              | /deployment/create                         | false
      POST   | /engine-rest              | /batch/b1/suspended                        | false
      POST   | /engine-rest              | /TASK/t1/complete                          | false
      """)
  void allowsOnlyTheStepsOfTheirWork(String method, String servletPath, String pathInfo, boolean allowed) {
    EngineCall call = call(method, servletPath, pathInfo);

    assertThat(call.writes()).isTrue();
    assertThat(StaffWrites.allows(call)).isEqualTo(allowed);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /engine-rest                  | /task/t1/complete
      /engine-rest                  | /engine/default/task/t1/complete
      /camunda/api/engine           | /engine/default/task/t1/submit-form
      """)
  void knowsACompletionByEitherDoor(String servletPath, String pathInfo) {
    assertThat(call("POST", servletPath, pathInfo).submittedTask()).isEqualTo("t1");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      PUT  | /task/t1        | t1
      PUT  | /task/t1/       | t1
      PUT  | /task/create    |
      POST | /task/t1        |
      PUT  | /task/t1/claim  |
      """)
  void knowsAnUpdateOfATasksOwnFields(String method, String pathInfo, String task) {
    assertThat(call(method, "/engine-rest", pathInfo).updatedTask()).isEqualTo(task);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /api                | /journeys/K-1/withdrawal
      /camunda/api/admin  | /auth/user/default/login/tasklist
      /camunda/api/cockpit | /plugin/base/default/process-instance
      """)
  void isNoEngineCallElsewhere(String servletPath, String pathInfo) {
    assertThat(call("POST", servletPath, pathInfo)).isNull();
  }
}
