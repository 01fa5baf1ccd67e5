package org.kapcare.web;

import jakarta.annotation.Priority;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.kapcare.forms.InvalidInputException;
import org.kapcare.security.ErrorBody;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * Errors of the engine's API in KAP Care's form, {@code {"error", "field"}}, as on {@code /api}:
 * bad input refused by KAP Care's checks answers 400 naming the field instead of the engine's
 * generic 500, and every other error keeps its status but loses what names the engine's insides
 * (the exception's class, the engine's message code, a Java class in its message). A server
 * error says only that it happened; the log has the rest. Both doors: {@code /engine-rest}, and
 * the webapps' own API, whose answers a clinician reads in Tasklist and Cockpit ({@link ErrorBody}).
 */
@Component
public class EngineRestErrors implements ResourceConfigCustomizer, ServletContextInitializer {

  /** The webapps' Jersey servlets, as Camunda's Spring Boot starter names them. */
  static final List<String> WEBAPP_SERVLETS = List.of("Engine Api", "Cockpit Api", "Tasklist Api", "Admin Api", "Welcome Api");
  /** Ahead of Camunda's mapper for the same exception type (lower runs first). */
  private static final int BEFORE_CAMUNDA = 100;
  private static final Pattern ENGINE_CODE = Pattern.compile("\\b[A-Z]{2,}-\\d{5}\\s*");
  private static final Pattern JAVA_CLASS = Pattern.compile("\\b([a-z_][a-z0-9_]*\\.){2,}[A-Za-z_$][\\w$]*");
  /** How the engine says a task is gone, usually because a colleague completed it: a 400 of its own. */
  private static final Pattern TASK_GONE = Pattern.compile("Cannot find task with id|: task is null");

  @Override
  public void customize(ResourceConfig config) {
    config.register(InvalidInputMapper.class);
    config.register(PlainErrors.class);
  }

  /**
   * The webapps' servlets are Camunda's, registered by its own initializer in an order Spring does
   * not promise; their Jersey applications take providers from an init parameter, set here once
   * all initializers ran. A servlet that is not there fails the start: its errors would be raw.
   */
  @Override
  public void onStartup(ServletContext servletContext) {
    servletContext.addListener(new ServletContextListener() {
      @Override
      public void contextInitialized(ServletContextEvent event) {
        for (String name : WEBAPP_SERVLETS) {
          ServletRegistration servlet = servletContext.getServletRegistration(name);
          if (servlet == null) {
            throw new IllegalStateException("The webapps' servlet '" + name + "' is missing: its errors would name the engine's insides");
          }
          servlet.setInitParameter(ServerProperties.PROVIDER_CLASSNAMES,
              InvalidInputMapper.class.getName() + "," + PlainErrors.class.getName());
        }
      }
    });
  }

  /** The engine REST wraps what the engine threw, e.g. "Cannot complete task", in a RestException. */
  @Priority(BEFORE_CAMUNDA)
  public static class InvalidInputMapper implements ExceptionMapper<RestException> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(RestException exception) {
      for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
        if (cause instanceof InvalidInputException invalid) {
          return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
              .entity(ErrorBody.at(uri.getBaseUri().getPath(), invalid)).build();
        }
      }
      return ExceptionHandlerHelper.getInstance().getResponse(exception);
    }
  }

  /** Camunda's error bodies ({@code {"type", "message", "code"}}) turned into KAP Care's. */
  public static class PlainErrors implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (response.getEntity() instanceof ExceptionDto error) {
        String text = plain(response.getStatus(), error.getMessage());
        if (error.getMessage() != null && TASK_GONE.matcher(error.getMessage()).find()) {
          response.setStatus(Response.Status.NOT_FOUND.getStatusCode());
          text = "This task is no longer open; someone may have completed it";
        }
        response.setEntity(ErrorBody.at(request.getUriInfo().getBaseUri().getPath(), text, null), null,
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
