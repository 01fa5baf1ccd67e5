package org.kapcare.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A request for a task's form variables, narrowed to those its form shows: Camunda's
 * {@code variableNames} parameter, set to what was asked for and shown, or to all that is shown.
 */
final class OnlyVariables extends HttpServletRequestWrapper {

  private static final String NAMES = "variableNames";

  private final Map<String, String[]> parameters;
  private final String query;

  private OnlyVariables(HttpServletRequest request, Map<String, String[]> parameters) {
    super(request);
    this.parameters = Collections.unmodifiableMap(parameters);
    this.query = parameters.entrySet().stream()
        .flatMap(p -> Arrays.stream(p.getValue()).map(v -> encode(p.getKey()) + "=" + encode(v)))
        .collect(Collectors.joining("&"));
  }

  static OnlyVariables of(HttpServletRequest request, Set<String> shown) {
    Map<String, String[]> parameters = new LinkedHashMap<>();
    if (request.getQueryString() != null) {
      for (String pair : request.getQueryString().split("&")) {
        int equals = pair.indexOf('=');
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        parameters.merge(name, new String[] {value}, (a, b) -> concat(a, b));
      }
    }
    Set<String> names = new TreeSet<>(shown);
    String[] asked = parameters.get(NAMES);
    if (asked != null) {
      names.retainAll(Arrays.stream(String.join(",", asked).split(",")).map(String::trim).collect(Collectors.toSet()));
    }
    // Camunda reads an empty list as "all": a name no variable has asks for none.
    parameters.put(NAMES, new String[] {names.isEmpty() ? "-" : String.join(",", names)});
    return new OnlyVariables(request, parameters);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String getQueryString() {
    return query;
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters.get(name);
    return values == null ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters;
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    return parameters.get(name);
  }
}
