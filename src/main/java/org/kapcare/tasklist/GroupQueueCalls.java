package org.kapcare.tasklist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.json.JsonTaskQueryConverter;
import org.kapcare.clinic.ClinicGroup;
import org.kapcare.security.EngineCall;
import org.kapcare.security.EngineCaller;
import org.kapcare.security.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Tasklist's calls for a group's queue (its page with the count, every 10 seconds in every open
 * Tasklist, and the count alone) answered without the engine's task-by-task rights check over the
 * whole queue. {@link GroupQueueQuery} finds the page's task ids and the count; the engine is then
 * asked for exactly the queue's tasks up to the page's end, so it still checks the caller's right to the filter and to each
 * task shown, and draws the response as it always does, whose count is replaced by the queue's.
 * Any call that is not plainly Tasklist's (a search, a variable sort, a filter someone changed, a
 * caller whose rights include a revoke, an administrator) goes to the engine as it came.
 */
class GroupQueueCalls extends OncePerRequestFilter {

  private static final Logger LOG = LoggerFactory.getLogger(GroupQueueCalls.class);
  private static final Pattern QUEUE_CALL = Pattern.compile("^/filter/([^/]+)/(list|count)$");
  /** What Tasklist's body holds besides its sorting when nobody searches; paging is read from the URL. */
  private static final Set<String> EMPTY_SEARCH = Set.of("processVariables", "taskVariables", "caseInstanceVariables",
      "orQueries");
  private static final Set<String> PAGING = Set.of("firstResult", "maxResults");
  /** Tasklist's sort keys and the column the engine sorts each by. */
  private static final Map<String, String> SORT_COLUMNS = Map.of("created", "T.CREATE_TIME_", "dueDate", "T.DUE_DATE_",
      "followUpDate", "T.FOLLOW_UP_DATE_", "name", "T.NAME_", "nameCaseInsensitive", "LOWER(T.NAME_)",
      "assignee", "T.ASSIGNEE_", "priority", "T.PRIORITY_", "id", "T.ID_", "description", "T.DESCRIPTION_");
  /** The engine sorts by a filter's own order first: urgent first, then due soonest. */
  private static final List<GroupQueueQuery.Order> QUEUE_ORDER = List.of(
      new GroupQueueQuery.Order("T.PRIORITY_", true), new GroupQueueQuery.Order("T.DUE_DATE_", false));
  /** Far more than Tasklist pages through (15 a page); a call reaching further goes to the engine. */
  private static final int MAX_PAGE = 1000;
  static final String METER = "kapcare.tasklist.filter.calls";
  /** No task has this id: the engine's part of a count or of an empty page. */
  private static final String NO_TASK = "no-task";

  private final ObjectMapper json = new ObjectMapper();
  private final GroupQueueQuery queues;
  private final IdentityService identity;
  private final JdbcTemplate jdbc;
  private final Map<ClinicGroup, JsonNode> queueQueries = new EnumMap<>(ClinicGroup.class);
  /** Calls for a filter's list or count, by who answered them (operations watch the share the engine still answers). */
  private final Counter answeredHere;
  private final Counter answeredByEngine;

  GroupQueueCalls(GroupQueueQuery queues, IdentityService identity, TaskService tasks, JdbcTemplate jdbc,
      MeterRegistry meters) throws IOException {
    this.queues = queues;
    this.identity = identity;
    this.jdbc = jdbc;
    this.answeredHere = meters.counter(METER, "answered", "group-queue");
    this.answeredByEngine = meters.counter(METER, "answered", "engine");
    JsonTaskQueryConverter converter = new JsonTaskQueryConverter();
    for (ClinicGroup group : ClinicGroup.values()) {
      queueQueries.put(group, json.readTree(converter.toJsonObject(TasklistFilters.groupQueue(tasks, group)).toString()));
    }
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    EngineCall call = EngineCall.of(request);
    return call == null || !"POST".equals(call.method()) || !QUEUE_CALL.matcher(call.path()).matches();
  }

  /** A call this answers: whose queue, for whom, which page in which order. */
  private record Plan(ClinicGroup group, GroupQueueQuery.Rights rights, boolean activeOnly, boolean list,
      List<GroupQueueQuery.Order> orders, int first, int max, ObjectNode body) {}

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readAllBytes();
    Plan plan = null;
    List<String> page = List.of();
    long count = 0;
    try {
      plan = plan(request, body);
      if (plan != null) {
        // The tasks up to the page's end: the engine, asked for exactly those with the paging as it came,
        // sorts them as the queue is sorted and gives the page (whichever door's URL carries the paging).
        page = plan.list()
            ? queues.page(plan.group().id(), plan.rights(), plan.activeOnly(), plan.orders(), 0, plan.first() + plan.max())
            : List.of();
        count = queues.count(plan.group().id(), plan.rights(), plan.activeOnly());
      }
    } catch (DataAccessException e) {
      // The queue's own SQL failed (the database busy or gone): the engine answers as it did before it.
      LOG.warn("A group queue was left to the engine: {}", e.getMessage());
      plan = null;
    }
    if (plan == null) {
      answeredByEngine.increment();
      chain.doFilter(RequestBody.withBody(request, body), response);
      return;
    }
    answeredHere.increment();
    ArrayNode only = plan.body().putArray("taskIdIn");
    (page.isEmpty() ? List.of(NO_TASK) : page).forEach(only::add);
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    HttpServletRequest asked = RequestBody.withBody(request, json.writeValueAsBytes(plan.body()));
    chain.doFilter(asked, answer);
    // Only an answer the engine gave (its checks of the filter and the tasks passed) gets the queue's count.
    JsonNode drawn = answer.getStatus() == HttpServletResponse.SC_OK ? readJson(answer.getContentAsByteArray()) : null;
    if (drawn instanceof ObjectNode object && object.has("count")) {
      object.put("count", count);
      byte[] bytes = json.writeValueAsBytes(object);
      response.setContentLength(bytes.length);
      response.getOutputStream().write(bytes);
    } else {
      answer.copyBodyToResponse();
    }
  }

  /** What this call asks, or null when the engine should answer it as it came. */
  private Plan plan(HttpServletRequest request, byte[] body) {
    Matcher call = QUEUE_CALL.matcher(EngineCall.of(request).path());
    call.matches();
    ClinicGroup group = groupOf(call.group(1));
    EngineCaller caller = group == null ? null : EngineCaller.of(request, identity);
    if (caller == null || caller.groups().contains(ClinicGroup.ADMINS)) {
      return null;
    }
    ObjectNode query = queryOf(body);
    List<GroupQueueQuery.Order> orders = query == null ? null : ordersOf(query.get("sorting"));
    if (orders == null) {
      return null;
    }
    boolean list = "list".equals(call.group(2));
    Integer first = list ? paging(request.getParameter("firstResult"), 0) : Integer.valueOf(0);
    Integer max = list ? paging(request.getParameter("maxResults"), null) : Integer.valueOf(0);
    if (first == null || max == null || (long) first + max > MAX_PAGE) {
      return null;
    }
    GroupQueueQuery.Rights rights = queues.rightsOf(caller);
    return rights == null ? null
        : new Plan(group, rights, query.path("active").asBoolean(false), list, orders, first, max, query);
  }

  /** The clinic group whose queue this stored filter is, unchanged; null for any other filter. */
  private ClinicGroup groupOf(String filterId) {
    List<String> stored = jdbc.queryForList("SELECT QUERY_ FROM ACT_RU_FILTER WHERE ID_ = ? AND RESOURCE_TYPE_ = 'Task'",
        String.class, filterId);
    JsonNode query = stored.size() == 1 ? readJson(stored.get(0).getBytes(StandardCharsets.UTF_8)) : null;
    return queueQueries.entrySet().stream().filter(queue -> queue.getValue().equals(query)).map(Map.Entry::getKey)
        .findFirst().orElse(null);
  }

  /** Tasklist's body when nobody searches: empty variable lists, paging, active tasks only, a sorting. */
  private ObjectNode queryOf(byte[] body) {
    JsonNode query = body.length == 0 ? json.createObjectNode() : readJson(body);
    if (!(query instanceof ObjectNode object)) {
      return null;
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      boolean plain = EMPTY_SEARCH.contains(key) && value.isArray() && value.isEmpty()
          || PAGING.contains(key) || "sorting".equals(key) || "active".equals(key) && value.isBoolean() && value.asBoolean();
      if (!plain) {
        return null;
      }
    }
    return object;
  }

  /** The engine's order: the filter's own, then Tasklist's keys; null for a key this does not know. */
  private static List<GroupQueueQuery.Order> ordersOf(JsonNode sorting) {
    List<GroupQueueQuery.Order> orders = new ArrayList<>(QUEUE_ORDER);
    if (sorting == null) {
      return orders;
    }
    if (!sorting.isArray()) {
      return null;
    }
    for (JsonNode key : sorting) {
      String column = SORT_COLUMNS.get(key.path("sortBy").asText());
      String direction = key.path("sortOrder").asText();
      if (column == null || key.size() != 2 || !direction.equals("asc") && !direction.equals("desc")) {
        return null;
      }
      orders.add(new GroupQueueQuery.Order(column, direction.equals("desc")));
    }
    return orders;
  }

  /** A paging parameter: a number from 0 up, {@code absent} when not given, null when not a number. */
  private static Integer paging(String value, Integer absent) {
    if (value == null) {
      return absent;
    }
    try {
      int number = Integer.parseInt(value);
      return number < 0 ? null : number;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private JsonNode readJson(byte[] bytes) {
    try {
      return json.readTree(bytes);
    } catch (IOException e) {
      return null;
    }
  }
}
