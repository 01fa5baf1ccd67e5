package org.kapcare.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  /**
   * This JVM's class path without the application's and the tests' classes: the webapps find plugins
   * by the service files on the class path, so with KAP Care's classes there Camunda alone would show
   * KAP Care's Tasklist and Cockpit plugins.
   */
  static String classPath() {
    return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).endsWith(Path.of("target", "classes"))
            && !Path.of(entry).endsWith(Path.of("target", "test-classes")))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
