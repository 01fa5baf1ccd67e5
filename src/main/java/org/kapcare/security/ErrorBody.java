package org.kapcare.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.kapcare.forms.InvalidInputException;

/**
 * The JSON every KAP Care refusal answers with: {@code {"error": ..., "field": ...}}. On the
 * webapps' own API, and for bad input on {@code /api}, it carries {@code "message"} too, the key Tasklist and Cockpit show a clinician
 * when a call fails (camunda-bpm-sdk-js); there the text never names the field's id.
 */
public final class ErrorBody {

  /** Where the webapps' own API (Tasklist, Cockpit, Admin and their engine calls) is served. */
  public static final String WEBAPPS_API = "/camunda/api/";

  private ErrorBody() {}

  public static Map<String, String> of(String error, String field) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error);
    if (field != null) {
      body.put("field", field);
    }
    return body;
  }

  /** The body for a refusal at that path, with the clinician's message on the webapps' API. */
  public static Map<String, String> at(String path, String error, String field) {
    return withMessage(path, of(error, field), error);
  }

  /** The body for bad input at that path: on the webapps' API, the reason without the field's id. */
  public static Map<String, String> at(String path, InvalidInputException invalid) {
    return withMessage(path, of(invalid.getMessage(), invalid.getField()), invalid.getReason());
  }

  /** Bad input on KAP Care's {@code /api}: {@code message} is the reason in a clinician's words, for the plugins to show. */
  public static Map<String, String> of(InvalidInputException invalid) {
    Map<String, String> body = of(invalid.getMessage(), invalid.getField());
    body.put("message", invalid.getReason());
    return body;
  }

  private static Map<String, String> withMessage(String path, Map<String, String> body, String message) {
    if (path.startsWith(WEBAPPS_API)) {
      body.put("message", message);
    }
    return body;
  }
}
