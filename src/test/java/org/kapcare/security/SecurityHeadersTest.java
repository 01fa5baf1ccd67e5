package org.kapcare.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kapcare.WebAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** Every answer, whichever part of the app gives it and whether or not it is an error, forbids content sniffing. */
@WebAppTest
class SecurityHeadersTest {

  @Autowired
  TestRestTemplate http;

  @ParameterizedTest(name = "{0} as {1}: {2}")
  @CsvSource(textBlock = """
      /engine-rest/task?maxResults=1,        admin,   200
      /engine-rest/task?maxResults=1,        ,        401
      /engine-rest/no-such-resource,         admin,   404
      /api/notifications,                    manager, 200
      /api/notifications,                    ,        401
      /actuator/health,                      ,        200
      /actuator/health,                      admin,   200
      /camunda/app/tasklist/default/,        ,        200
      /camunda/api/engine/engine/default/task, ,      401
      /no-such-page,                         ,        404
      """)
  void forbidsContentSniffing(String path, String user, int status) {
    TestRestTemplate caller = user == null ? http : http.withBasicAuth(user, "demo");

    ResponseEntity<String> answer = caller.getForEntity(path, String.class);

    assertThat(answer.getStatusCode().value()).isEqualTo(status);
    assertThat(answer.getHeaders().get("X-Content-Type-Options")).containsExactly("nosniff");
  }
}
