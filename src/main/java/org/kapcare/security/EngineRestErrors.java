package org.kapcare.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.kapcare.journey.InvalidInputException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Errors of {@code /engine-rest} in KAP Care's form, {@code {"error", "field"}}, as on {@code /api}:
 * bad input refused by KAP Care's checks answers 400 naming the field instead of the engine's
 * generic 500, and every other error keeps its status but loses what names the engine's insides
 * (the exception's class, the engine's message code, a Java class in its message). A server
 * error says only that it happened; the log has the rest.
 */
@Component
public class EngineRestErrors implements ResourceConfigCustomizer {

  /** Ahead of Camunda's mapper for the same exception type (lower runs first). The engine REST wraps
   * what the engine threw, e.g. "Cannot complete task", in a RestException. */
  private static final int BEFORE_CAMUNDA = 100;
  private static final Pattern ENGINE_CODE = Pattern.compile("\\b[A-Z]{2,}-\\d{5}\\s*");
  private static final Pattern JAVA_CLASS = Pattern.compile("\\b([a-z_][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*");

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(new InvalidInputMapper(), BEFORE_CAMUNDA);
    config.register(new PlainErrors());
  }

  static class InvalidInputMapper implements ExceptionMapper<RestException> {

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidInputException invalid) {
          return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
              .entity(ErrorBody.of(invalid.getMessage(), invalid.getField())).build();
        }
      }
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
  }

  /** Camunda's error bodies ({@code {"type", "message", "code"}}) turned into KAP Care's. */
  static class PlainErrors implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getEntity() instanceof ExceptionDto error) {
        response.setEntity(ErrorBody.of(plain(response.getStatus(), error.getMessage()), null), null,
            MediaType.APPLICATION_JSON_TYPE);
      }
    }

    static String plain(int status, String message) {
      if (status >= 500 || message == null || message.isBlank()) {
        return status == 403 ? "You are not allowed to do this" : "The server could not do this; the error is in its log";
      }
      if (status == 403) {
        return "You are not allowed to do this";
      }
      String plain = JAVA_CLASS.matcher(ENGINE_CODE.matcher(message).replaceAll("")).replaceAll("a value").trim();
      return plain.isEmpty() ? "The request was refused" : plain;
    }
  }
}
