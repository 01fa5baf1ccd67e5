package org.kapcare.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.kapcare.security.EngineCall;
import org.kapcare.security.RequestBody;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Pages of a task list that neither repeat nor skip a task. Tasks that tie on every key of a
 * list's order (two steps of one patient opened in the same second, due at the same time) came back
 * in any order, so the demo's page 2 of the coordinators' queue repeated a task of page 1 and
 * another task was on no page. The task's id, appended as the last sort key of every task list
 * query, breaks each tie the same way on every page.
 */
class StablePages extends OncePerRequestFilter {

  private static final Pattern TASK_LIST = Pattern.compile("^/filter/[^/]+/list$|^/task$");
  private final ObjectMapper json = new ObjectMapper();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    EngineCall call = EngineCall.of(request);
    return call == null || !"POST".equals(call.method()) || !TASK_LIST.matcher(call.path()).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    chain.doFilter(RequestBody.withBody(request, tieBroken(body)), response);
  }

  /** The query with {@code id} as its last sort key; a body that is no JSON object as it came, for the engine to refuse. */
  byte[] tieBroken(byte[] body) throws IOException {
    JsonNode query;
    try {
      query = body.length == 0 ? json.createObjectNode() : json.readTree(body);
    } catch (IOException notJson) {
      return body;
    }
    // A query ordered the older way (sortBy and sortOrder) is left as it came: the engine takes one way or the other.
    if (!(query instanceof ObjectNode object) || object.has("sortBy") || object.has("sorting") && !object.get("sorting").isArray()) {
      return body;
    }
    ArrayNode sorting = object.has("sorting") ? (ArrayNode) object.get("sorting") : object.putArray("sorting");
    for (JsonNode key : sorting) {
      if ("id".equals(key.path("sortBy").asText())) {
        return body;
      }
    }
    sorting.addObject().put("sortBy", "id").put("sortOrder", "asc");
    return json.writeValueAsBytes(object);
  }
}
