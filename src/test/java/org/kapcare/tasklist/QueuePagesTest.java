package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcare.Answers;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.clinic.Journeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Every page of a queue, as Tasklist asks for them, shows each task once, however many tie on the order asked for. */
@WebAppTest
class QueuePagesTest {

  private final ObjectMapper json = new ObjectMapper();
  @Autowired
  TestRestTemplate http;
  @Autowired
  RuntimeService runtime;
  @Autowired
  FilterService filters;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void tasksThatTieAreEachOnExactlyOnePage() throws Exception {
    // Referrals written in the same millisecond: their bookings tie on the creation time, and none has a due date.
    ClockUtil.setCurrentTime(new Date());
    for (int i = 0; i < 40; i++) {
      runtime.startProcessInstanceByKey(Journeys.CARE_JOURNEY, "P-" + (5000 + i), Answers.referral("P-" + (5000 + i)));
    }
    String queue = filters.createTaskFilterQuery().filterName(ClinicGroup.CARE_COORDINATORS.queueName()).singleResult().getId();

    for (String sorting : List.of("[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]",
        "[{\"sortBy\":\"priority\",\"sortOrder\":\"desc\"},{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}]")) {
      List<String> seen = new ArrayList<>();
      for (int first = 0; ; first += 15) {
        JsonNode page = list(queue, first, sorting);
        if (page.isEmpty()) {
          break;
        }
        page.forEach(task -> seen.add(task.get("id").asText()));
      }
      // Active tasks, as the pages ask for (another test's journey may be suspended).
      long count = json.readTree(http.withBasicAuth("coordinator", "demo").postForEntity("/engine-rest/filter/" + queue
          + "/count", new HttpEntity<>("{\"active\":true}", jsonHeaders()), String.class).getBody()).get("count").asLong();
      assertThat(seen).as(sorting).doesNotHaveDuplicates().hasSize((int) count);
    }
  }

  private static HttpHeaders jsonHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.APPLICATION_JSON);
    return headers;
  }

  /** One page as Tasklist asks for it: the position in the address, the order in the body. */
  private JsonNode list(String filter, int firstResult, String sorting) throws Exception {
    ResponseEntity<String> page = http.withBasicAuth("coordinator", "demo").postForEntity(
        "/engine-rest/filter/" + filter + "/list?firstResult=" + firstResult + "&maxResults=15",
        new HttpEntity<>("{\"firstResult\":" + firstResult + ",\"maxResults\":15,\"sorting\":" + sorting + ",\"active\":true}",
            jsonHeaders()),
        String.class);
    assertThat(page.getStatusCode().is2xxSuccessful()).as(page.getBody()).isTrue();
    return json.readTree(page.getBody());
  }
}
