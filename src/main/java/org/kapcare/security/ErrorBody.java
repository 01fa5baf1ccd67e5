package org.kapcare.security;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON every KAP Care refusal answers with (DESIGN.md): {@code {"error": ..., "field": ...}}. */
final class ErrorBody {

  private ErrorBody() {}

  static Map<String, String> of(String error, String field) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error);
    if (field != null) {
      body.put("field", field);
    }
    return body;
  }
}
