package org.kapcare.security;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@code X-Content-Type-Options: nosniff} on every answer (REST, actuator, webapps, errors), so that
 * no browser reads a JSON body or an error page as a script or HTML. Camunda sets it on the webapps
 * only. Set before anything else runs, so that the answers of filters that refuse a request carry it too.
 */
@Configuration
public class SecurityHeaders {

  @Bean
  public FilterRegistrationBean<Filter> noSniff() {
    FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
      ((HttpServletResponse) response).setHeader("X-Content-Type-Options", "nosniff");
      chain.doFilter(request, response);
    });
    registration.setName("kapcare-nosniff");
    registration.addUrlPatterns("/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}
