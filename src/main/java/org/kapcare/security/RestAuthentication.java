package org.kapcare.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The engine REST API and the project's own {@code /api} answer to HTTP Basic with a Camunda user
 * (and {@code /api/insight} reads also to the Cockpit login, see {@link BasicOrCockpitSession});
 * every call then runs with that user's groups, so authorization decides what they may do.
 */
@Configuration
public class RestAuthentication {

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
  FilterRegistrationBean<EngineApiGuard> engineApiGuard(IdentityService identity, FormSubmissions submissions) {
    FilterRegistrationBean<EngineApiGuard> registration = new FilterRegistrationBean<>(new EngineApiGuard(identity, submissions));
    registration.setName("kapcare-engine-api-guard");
    registration.addUrlPatterns("/engine-rest/*", "/api/*", "/camunda/api/*");
    registration.setOrder(SIGN_IN + 1);
    return registration;
  }
}
