package org.kapcare.integrationwindow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.kapcare.ClusterNode;

/** Camunda's REST API on a node, over HTTP Basic as one user; any answer but 2xx fails with its body. */
final class EngineRest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String authorization;

  EngineRest(String user, String password) {
    authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  JsonNode get(ClusterNode node, String path) throws IOException, InterruptedException {
    return send(node, HttpRequest.newBuilder(uri(node, path)).GET(), "GET " + path);
  }

  JsonNode post(ClusterNode node, String path, Object body) throws IOException, InterruptedException {
    return send(node, HttpRequest.newBuilder(uri(node, path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), "POST " + path);
  }

  JsonNode put(ClusterNode node, String path, Object body) throws IOException, InterruptedException {
    return send(node, HttpRequest.newBuilder(uri(node, path))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), "PUT " + path);
  }

  private JsonNode send(ClusterNode node, HttpRequest.Builder request, String what) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.header("Authorization", authorization)
        .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(what + " on " + node + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private static URI uri(ClusterNode node, String path) {
    return URI.create(node.baseUrl() + "/engine-rest" + path);
  }

  /** Form values as the REST API takes them: each with its Camunda type, as Tasklist would send it. */
  static ObjectNode variables(Map<String, Object> values) {
    ObjectNode variables = JSON.createObjectNode();
    values.forEach((name, value) -> {
      ObjectNode variable = variables.putObject(name);
      variable.putPOJO("value", value);
      variable.put("type", value instanceof Integer ? "Integer" : value instanceof Long ? "Long"
          : value instanceof Double ? "Double" : value instanceof Boolean ? "Boolean" : "String");
    });
    return variables;
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }
}
