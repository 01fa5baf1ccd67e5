package org.kapcare.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The start-up benchmark's baseline: Camunda's Spring Boot starter with its webapps and REST API, on
 * the same class path as KAP Care, with nothing of KAP Care's (no models, users, filters, plugins or
 * demo data); {@link StartupMemory} starts it with settings that keep KAP Care's application.yaml
 * out. Auto-configuration only, no component scan, and not a {@code @Configuration} itself: the
 * benchmarks that run KAP Care in their own JVM scan org.kapcare and must not pick this up.
 */
@EnableAutoConfiguration
public class BareCamunda {

  public static void main(String[] args) {
    SpringApplication.run(BareCamunda.class, args);
  }
}
