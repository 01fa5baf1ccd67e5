package org.kapcare.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.springframework.context.ConfigurableApplicationContext;

/** Calls to one port's {@code /engine-rest} as a staff member signed in with HTTP Basic, as Tasklist sends them. */
record EngineRest(HttpClient http, String root) {

  /** Camunda's password policy refuses a password that holds the user id. */
  static final String PASSWORD = "Harbour-Lamp-2026!";
  static final String JSON = "application/json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The app's own port, where every filter of the app runs. */
  static EngineRest of(HttpClient http, ConfigurableApplicationContext app) {
    return of(http, Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
  }

  static EngineRest of(HttpClient http, int port) {
    return new EngineRest(http, "http://localhost:" + port + "/engine-rest");
  }

  /** A staff member of {@code groups}, as an administrator would add one. */
  static String user(ProcessEngine engine, String id, String... groups) {
    IdentityService identity = engine.getIdentityService();
    User user = identity.newUser(id);
    user.setFirstName("Bench");
    user.setLastName("Staff");
    user.setPassword(PASSWORD);
    identity.saveUser(user);
    for (String group : groups) {
      identity.createMembership(id, group);
    }
    return id;
  }

  /** A start's or submission's body: each value as {"value": ...}, its type taken from JSON. */
  static String form(Map<String, Object> values) {
    Map<String, Object> variables = new LinkedHashMap<>();
    values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
    try {
      return MAPPER.writeValueAsString(Map.of("variables", variables));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The answer as it came; {@code body} null sends none. */
  HttpResponse<String> send(String user, String method, String path, String accept, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(root + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD)
            .getBytes(StandardCharsets.UTF_8)))
        .header("Accept", accept).header("Content-Type", JSON)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The answer's JSON (empty for none); anything but 2xx throws, naming the status. */
  JsonNode json(String user, String method, String path, String accept, String body) {
    HttpResponse<String> response = send(user, method, path, accept, body);
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return response.body().isEmpty() ? MAPPER.createObjectNode() : MAPPER.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(path + " answered no JSON: " + response.body(), e);
    }
  }
}
