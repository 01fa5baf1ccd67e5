package org.kapcare.security;

import java.net.URI;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A demo staff member's raw JSON call, as an attacker with that login would send it: the path goes
 * out exactly as written (no template expansion, no second encoding), the answer comes back as text.
 */
final class StaffRest {

  private StaffRest() {}

  static ResponseEntity<String> send(TestRestTemplate http, String user, HttpMethod method, String path, String json) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").exchange(URI.create(http.getRootUri() + path), method,
        new HttpEntity<>(json, headers), String.class);
  }
}
