package org.kapcare.integration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.kapcare.PackagedApp;

/**
 * One node of a KAP Care cluster: the packaged jar as a {@link PackagedApp}, started, stopped,
 * killed and started again under one name with the same settings. Each start logs to a file of its
 * own in target/failsafe-reports: {@code <test>-node-a.log}, then {@code <test>-node-a-start2.log}.
 */
final class ClusterNode {

  private static final Duration START_UP = Duration.ofMinutes(3);

  private final String name;
  private final String logName;
  private final Map<String, String> environment;
  private final List<String> arguments;
  private final Path workingDirectory;
  private PackagedApp app;
  private int starts;
  private Instant startedAt;

  /**
   * @param name the node's name in the test's messages
   * @param test names the node's log files
   * @param environment the database and first administrator, as a clinic's deployment sets them
   * @param arguments further {@code --name=value} settings
   */
  ClusterNode(String name, Class<?> test, Map<String, String> environment, List<String> arguments, Path workingDirectory) {
    this.name = name;
    this.logName = test.getSimpleName() + "-" + name;
    this.environment = Map.copyOf(environment);
    this.arguments = List.copyOf(arguments);
    this.workingDirectory = workingDirectory.resolve(name);
    // A test JVM that ends without @AfterAll (Ctrl-C, a fork timeout) must not leave nodes running.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      if (running()) {
        try {
          app.kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "stop-" + name));
  }

  String name() {
    return name;
  }

  String baseUrl() {
    return app.baseUrl();
  }

  boolean running() {
    return app != null && app.isAlive();
  }

  /** When the node last finished starting. */
  Instant startedAt() {
    return startedAt;
  }

  /** Starts the node and returns once it serves requests. */
  ClusterNode start() throws IOException, InterruptedException {
    if (running()) {
      throw new IllegalStateException(name + " is already running");
    }
    starts++;
    Files.createDirectories(workingDirectory);
    app = PackagedApp.start(starts == 1 ? logName : logName + "-start" + starts, workingDirectory, environment,
        arguments.toArray(String[]::new));
    app.awaitLogLine("Started KapCareApplication", START_UP);
    startedAt = Instant.now();
    return this;
  }

  /** A clean stop (SIGTERM): Spring closes the engine, whose job executor stops acquiring. */
  void stop() throws InterruptedException {
    if (running()) {
      app.close();
    }
  }

  /** kill -9: no shutdown hook, no rollback by the node itself; its open transactions die with its connections. */
  void kill() throws InterruptedException {
    if (running()) {
      app.kill();
    }
  }

  /** Lines the node's latest start has logged that contain {@code text}. */
  long countLogLines(String text) throws IOException {
    return app == null ? 0 : app.output().lines().filter(line -> line.contains(text)).count();
  }

  @Override
  public String toString() {
    return name;
  }
}
