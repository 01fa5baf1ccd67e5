package org.kapcare;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started in this JVM without a web server, for tests of starts that are refused.
 * A failed start stops its webapps, and Camunda's webapps keep their runtime in statics shared with
 * the {@code @WebAppTest} application in this JVM, whose Cockpit and Admin would then fail; so no
 * web server, hence neither the REST API nor the webapps, which need one. With no job executor and
 * no outbox dispatcher it runs nothing by itself, so the benchmarks also use it as a client that
 * sets data up on a database that nodes of their own serve.
 */
public final class HeadlessApp {

  private HeadlessApp() {}

  public static ConfigurableApplicationContext start(String... args) {
    List<String> all = new ArrayList<>(List.of(
        "--spring.main.web-application-type=none",
        "--spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
            + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration",
        "--camunda.bpm.generate-unique-process-engine-name=true",
        "--camunda.bpm.job-execution.enabled=false",
        "--kapcare.notify.dispatcher-enabled=false"));
    all.addAll(List.of(args));
    return new SpringApplicationBuilder(KapCareApplication.class).run(all.toArray(String[]::new));
  }
}
