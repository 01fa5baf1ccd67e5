package org.kapcare.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine REST API and the project's own {@code /api} answer to HTTP Basic with a Camunda user
 * (and {@code /api/insight} reads also to the Cockpit login, see {@link BasicOrCockpitSession});
 * every call then runs with that user's groups, so authorization decides what they may do. The
 * actuator takes the same credentials for its details ({@link ActuatorSignIn}), and every sign-in,
 * the webapps' login included, passes the {@link SignInGuard} first. The {@link EngineApiGuard} then
 * holds each signed-in call to what its caller may do.
 */
@Configuration
public class RestAuthentication {

  /**
   * Right after Spring's character encoding filter (the highest precedence), so that the login form's
   * user id is read as UTF-8, and before anything that checks a password.
   */
  private static final int GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;
  /** Late among the servlet filters: after Spring's own (encoding, forms) and the webapps' security filters. */
  private static final int SIGN_IN = Ordered.LOWEST_PRECEDENCE - 10;

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-auth");
    registration.addInitParameter("authentication-provider", BasicOrCockpitSession.class.getName());
    registration.addUrlPatterns("/engine-rest/*", "/api/*");
    registration.setOrder(SIGN_IN);
    return registration;
  }

  /** After the sign-in, so that it knows the caller; the webapps' API carries its own login in the session. */
  @Bean
  FilterRegistrationBean<EngineApiGuard> engineApiGuard(IdentityService identity, EngineForms forms,
      PatientAccesses accesses, AccessLog log) {
    FilterRegistrationBean<EngineApiGuard> registration = new FilterRegistrationBean<>(new EngineApiGuard(identity, forms, accesses, log));
    registration.setName("kapcare-engine-api-guard");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/*");
    registration.setOrder(SIGN_IN + 1);
    return registration;
  }

  /** The webapps' plugin API for those who may open that webapp; reads the webapps' session, so any order after the sign-in guard. */
  @Bean
  FilterRegistrationBean<WebappPluginAccess> webappPluginAccess(
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<WebappPluginAccess> registration = new FilterRegistrationBean<>(new WebappPluginAccess(webappPath));
    registration.setName("kapcare-webapp-plugin-access");
    registration.addUrlPatterns(webappPath + "/api/*");
    registration.setOrder(SIGN_IN + 1);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<SignInGuard> signInGuard(SignInThrottle throttle, SignInLog log,
      SignInProperties settings, ObjectMapper json,
      @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
    FilterRegistrationBean<SignInGuard> registration =
        new FilterRegistrationBean<>(new SignInGuard(throttle, log, settings, json, webappPath));
    registration.setName("kapcare-sign-in-guard");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator/*", webappPath + "/api/admin/auth/user/*");
    registration.setOrder(GUARD_ORDER);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<ActuatorSignIn> actuatorSignIn(ProcessEngine engine) {
    FilterRegistrationBean<ActuatorSignIn> registration = new FilterRegistrationBean<>(new ActuatorSignIn(engine));
    registration.setName("kapcare-actuator-sign-in");
    registration.addUrlPatterns("/actuator/*");
    registration.setOrder(GUARD_ORDER + 1);
    return registration;
  }
}
