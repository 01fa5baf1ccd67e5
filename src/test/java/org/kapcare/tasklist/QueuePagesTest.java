package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kapcare.WebAppTest;
import org.kapcare.clinic.ClinicGroup;
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
  TaskService tasks;
  @Autowired
  FilterService filters;

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  /**
   * Forty tasks of the coordinators' queue opened in the same millisecond, none due: they tie on
   * every key Tasklist and the filter order by. Their ids are made in the reverse of the order they
   * are opened in, so the database's own order for ties (the order rows were written) and the
   * tie-break (the id) differ, and a page that does not break ties shows it.
   */
  @Test
  void tasksThatTieAreEachOnExactlyOnePageInTheOrderOfTheirIds() throws Exception {
    ClockUtil.setCurrentTime(new Date());
    List<String> tied = new ArrayList<>();
    for (int i = 39; i >= 0; i--) {
      Task task = tasks.newTask(String.format("tie-%02d", i));
      task.setName("Tied booking");
      tasks.saveTask(task);
      tasks.addCandidateGroup(task.getId(), ClinicGroup.CARE_COORDINATORS.id());
      tied.add(0, task.getId());
    }
    String queue = filters.createTaskFilterQuery().filterName(ClinicGroup.CARE_COORDINATORS.queueName()).singleResult().getId();
    try {
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
        assertThat(seen.stream().filter(tied::contains).toList()).as("the tied tasks, by id, on every page").isEqualTo(tied);
      }
    } finally {
      tied.forEach(id -> tasks.deleteTask(id, true));
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
