package org.kapcare.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request to the engine's API, by either door: {@code /engine-rest} (also as
 * {@code /engine-rest/engine/default}) or the webapps' own {@code /camunda/api/engine/engine/default}.
 * The path is the resource after that prefix, as the servlet container decoded and normalised it
 * (no {@code ..}, no {@code ;parameters}), which is what the REST resources are matched against.
 */
public record EngineCall(String method, String path) {

  private static final Pattern PREFIX = Pattern.compile("^(/engine-rest(/engine/[^/]+)?|/camunda/api/engine/engine/[^/]+)(/.*)?$");
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final Pattern TASK_SUBMISSION = Pattern.compile("^/task/([^/]+)/(complete|submit-form)$");
  private static final Pattern START_BY_KEY = Pattern.compile("^/process-definition/key/([^/]+)/(start|submit-form)$");
  private static final Pattern START_BY_ID = Pattern.compile("^/process-definition/(?!key/)([^/]+)/(start|submit-form)$");
  private static final Pattern TASK_UPDATE = Pattern.compile("^/task/([^/]+)$");
  private static final Pattern FILTER_WRITE = Pattern.compile("^/filter/(create|[^/]+)$");

  /** The engine call a request makes, or null when it goes elsewhere ({@code /api}, a webapp's own API). */
  public static EngineCall of(HttpServletRequest request) {
    Matcher engine = PREFIX.matcher(pathOf(request));
    if (!engine.matches()) {
      return null;
    }
    String resource = engine.group(3) == null ? "/" : engine.group(3);
    while (resource.length() > 1 && resource.endsWith("/")) {
      resource = resource.substring(0, resource.length() - 1);
    }
    return new EngineCall(request.getMethod().toUpperCase(), resource);
  }

  /** The request's path as the container decoded and normalised it, whichever servlet serves it. */
  static String pathOf(HttpServletRequest request) {
    return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
  }

  boolean writes() {
    return !READS.contains(method);
  }

  /** A stored filter created or changed: its query may hold expressions, evaluated when Tasklist runs it. */
  boolean writesFilter() {
    return ("POST".equals(method) || "PUT".equals(method)) && FILTER_WRITE.matcher(path).matches();
  }

  /** The task id, when this completes a task with its form's values. */
  String submittedTask() {
    Matcher task = "POST".equals(method) ? TASK_SUBMISSION.matcher(path) : null;
    return task != null && task.matches() ? task.group(1) : null;
  }

  /** The task id, when this changes a task's own fields ({@code PUT /task/{id}}: its dates in Tasklist). */
  String updatedTask() {
    Matcher task = "PUT".equals(method) ? TASK_UPDATE.matcher(path) : null;
    return task != null && task.matches() && !"create".equals(task.group(1)) ? task.group(1) : null;
  }

  /** The process definition key, when this starts a journey by key with its start form's values. */
  String startedKey() {
    Matcher start = "POST".equals(method) ? START_BY_KEY.matcher(path) : null;
    return start != null && start.matches() ? start.group(1) : null;
  }

  /** The process definition id, when this starts a journey by definition id. */
  String startedDefinition() {
    Matcher start = "POST".equals(method) ? START_BY_ID.matcher(path) : null;
    return start != null && start.matches() ? start.group(1) : null;
  }
}
