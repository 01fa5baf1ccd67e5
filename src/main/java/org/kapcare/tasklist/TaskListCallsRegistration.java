package org.kapcare.tasklist;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** {@link StablePages} on both doors to the engine's task lists, after sign-in and the guard have passed the request. */
@Configuration
class StablePagesRegistration {

  @Bean
  FilterRegistrationBean<StablePages> stablePages() {
    FilterRegistrationBean<StablePages> registration = new FilterRegistrationBean<>(new StablePages());
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 5);
    return registration;
  }
}
