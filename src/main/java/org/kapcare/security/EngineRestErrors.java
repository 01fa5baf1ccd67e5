package org.kapcare.security;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.kapcare.journey.InvalidInputException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.stereotype.Component;

/**
 * Bad input refused by KAP Care's checks answers {@code 400 {"error", "field"}} on
 * {@code /engine-rest}, as on {@code /api}, instead of the engine's generic 500. Anything else is
 * answered by Camunda's own handling.
 */
@Component
public class EngineRestErrors implements ResourceConfigCustomizer {

  /** Ahead of Camunda's mapper for the same exception type (lower runs first). The engine REST wraps
   * what the engine threw, e.g. "Cannot complete task", in a RestException. */
  private static final int BEFORE_CAMUNDA = 100;

  @Override
  public void customize(org.glassfish.jersey.server.ResourceConfig config) {
    config.register(new InvalidInputMapper(), BEFORE_CAMUNDA);
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
}
