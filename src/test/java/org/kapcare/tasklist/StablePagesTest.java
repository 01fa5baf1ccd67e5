package org.kapcare.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StablePagesTest {

  private final StablePages pages = new StablePages();

  private String tieBroken(String body) throws Exception {
    return new String(pages.tieBroken(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  @Test
  void theTasksIdIsTheLastSortKey() throws Exception {
    assertThat(tieBroken("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],\"active\":true}"))
        .isEqualTo("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"},{\"sortBy\":\"id\",\"sortOrder\":\"asc\"}],\"active\":true}");
    assertThat(tieBroken("{\"active\":true}")).isEqualTo("{\"active\":true,\"sorting\":[{\"sortBy\":\"id\",\"sortOrder\":\"asc\"}]}");
    assertThat(tieBroken("")).isEqualTo("{\"sorting\":[{\"sortBy\":\"id\",\"sortOrder\":\"asc\"}]}");
  }

  @Test
  void aQueryAlreadyByIdOrNotAQueryGoesOnAsItCame() throws Exception {
    for (String body : new String[] {"{\"sorting\":[{\"sortBy\":\"id\",\"sortOrder\":\"desc\"}]}", "[1,2]", "not json",
        "{\"sorting\":\"created\"}",
        "{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}"}) {
      assertThat(tieBroken(body)).isEqualTo(body);
    }
  }
}
