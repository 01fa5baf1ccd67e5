package org.kapcare.tasklist;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The filters on both doors to the engine's task lists, after sign-in and the guard have passed the
 * request: {@link StablePages} first, so that the group queues' own SQL sorts by the same last key.
 */
@Configuration
class TaskListCallsRegistration {

  private static final String[] ENGINE_DOORS = {"/engine-rest/*", "/camunda/api/engine/*"};

  @Bean
  FilterRegistrationBean<StablePages> stablePages() {
    FilterRegistrationBean<StablePages> registration = new FilterRegistrationBean<>(new StablePages());
    registration.addUrlPatterns(ENGINE_DOORS);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 5);
    return registration;
  }

  @Bean
  FilterRegistrationBean<GroupQueueCalls> groupQueueCalls(GroupQueueQuery queues, IdentityService identity,
      TaskService tasks, JdbcTemplate jdbc, MeterRegistry meters) throws IOException {
    FilterRegistrationBean<GroupQueueCalls> registration =
        new FilterRegistrationBean<>(new GroupQueueCalls(queues, identity, tasks, jdbc, meters));
    registration.addUrlPatterns(ENGINE_DOORS);
    registration.setOrder(Ordered.LOWEST_PRECEDENCE - 4);
    return registration;
  }
}
