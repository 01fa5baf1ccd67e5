package org.kapcare.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kapcare.WebAppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code GET /api/notifications} over real HTTP: what managers see of the outbox, and who else may not. */
@WebAppTest
class NotificationApiTest {

  @Autowired
  TestRestTemplate http;
  @Autowired
  Outbox outbox;
  @Autowired
  JdbcTemplate jdbc;

  private static final Instant QUEUED = Instant.parse("2026-11-23T09:00:00Z");

  @BeforeEach
  void twoSentOneFailed() {
    jdbc.update("DELETE FROM kapcare_notification");
    RenderedMessage words = new RenderedMessage("Subject", "Dear Alex", "<p>Dear Alex</p>");
    outbox.add(new OutboxMessage("pi-1", "ai-1", "pre-dose-instructions", "patient", "K-7001", "alex@example.org", words), QUEUED);
    outbox.add(new OutboxMessage("pi-1", "ai-2", "dose-postponed", "care-coordinators", "K-7001", null, words), QUEUED);
    outbox.add(new OutboxMessage("pi-2", "ai-3", "pre-dose-instructions", "patient", "K-7002", "kim@@example", words), QUEUED);
    List<OutboxEntry> taken = outbox.takeDue(QUEUED, QUEUED.plusSeconds(60), 10);
    outbox.sent(taken.get(0).id(), QUEUED.plusSeconds(1), "log,email");
    outbox.sent(taken.get(1).id(), QUEUED.plusSeconds(1), "log");
    outbox.failed(taken.get(2).id(), "the address is not a valid e-mail address");
  }

  @Test
  void managersSeeEachRowsStatusAttemptsAndLastErrorNewestFirstWithoutContactDetails() {
    ResponseEntity<List<Map<String, Object>>> response = http.withBasicAuth("manager", "demo").exchange(
        "/api/notifications", HttpMethod.GET, null, new ParameterizedTypeReference<>() {});

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    List<Map<String, Object>> rows = response.getBody();
    assertThat(rows).extracting(row -> row.get("patientId")).containsExactly("K-7002", "K-7001", "K-7001");
    assertThat(rows.get(0)).containsEntry("template", "pre-dose-instructions").containsEntry("recipient", "patient")
        .containsEntry("status", "FAILED").containsEntry("attempts", 1)
        .containsEntry("lastError", "the address is not a valid e-mail address")
        .containsEntry("createdAt", "2026-11-23T09:00:00Z");
    assertThat(rows.get(2)).containsEntry("status", "SENT").containsEntry("deliveredBy", "log,email")
        .containsEntry("sentAt", "2026-11-23T09:00:01Z");
    assertThat(response.getBody().toString()).doesNotContain("alex@example.org", "Dear Alex");
  }

  @Test
  void administratorsMayFilterByStatusPatientAndCount() {
    TestRestTemplate admin = http.withBasicAuth("admin", "demo");

    assertThat(admin.getForObject("/api/notifications?status=failed", List.class)).hasSize(1);
    assertThat(admin.getForObject("/api/notifications?patientId=K-7001", List.class)).hasSize(2);
    assertThat(admin.getForObject("/api/notifications?status=SENT&patientId=K-7001&limit=1", List.class)).hasSize(1);
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    TestRestTemplate manager = http.withBasicAuth("manager", "demo");

    ResponseEntity<Map> status = manager.getForEntity("/api/notifications?status=LOST", Map.class);
    assertThat(status.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(status.getBody()).containsEntry("field", "status");
    ResponseEntity<Map> limit = manager.getForEntity("/api/notifications?limit=5000", Map.class);
    assertThat(limit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(limit.getBody()).containsEntry("field", "limit")
        .containsEntry("error", "must be a whole number from 1 to 500, was 5000 (field limit)");
  }

  @Test
  void otherStaffAndAnonymousCallersSeeNothing() {
    assertThat(http.getForEntity("/api/notifications", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    for (String user : List.of("coordinator", "therapist", "prescriber", "nurse")) {
      ResponseEntity<Map> refused = http.withBasicAuth(user, "demo").getForEntity("/api/notifications", Map.class);
      assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
      assertThat(refused.getBody()).as(user).containsOnlyKeys("error");
    }
  }
}
