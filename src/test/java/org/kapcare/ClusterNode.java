package org.kapcare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One node of a KAP Care cluster: the packaged jar as a {@link PackagedApp}, started, stopped,
 * killed and started again under one name with the same settings. Each start logs to a file of its
 * own next to {@code logPrefix}: {@code <prefix>-node-a.log}, then {@code <prefix>-node-a-start2.log}.
 * For the cluster tests and the benchmarks alike.
 */
public final class ClusterNode {

  private static final Duration START_UP = Duration.ofMinutes(3);

  private final String name;
  private final Path logPrefix;
  private final Map<String, String> environment;
  private final List<String> arguments;
  private final Path workingDirectory;
  private PackagedApp app;
  private int starts;
  private Instant startedAt;

  /**
   * @param name the node's name in the caller's messages
   * @param logPrefix the node's log files are this path with {@code -<name>.log} appended
   * @param environment the database and first administrator, as a clinic's deployment sets them
   * @param arguments further {@code --name=value} settings
   */
  public ClusterNode(String name, Path logPrefix, Map<String, String> environment, List<String> arguments,
      Path workingDirectory) {
    this.name = name;
    this.logPrefix = logPrefix;
    this.environment = Map.copyOf(environment);
    this.arguments = List.copyOf(arguments);
    this.workingDirectory = workingDirectory.resolve(name);
    // A JVM that ends without stopping its nodes (Ctrl-C, a fork timeout, System.exit) must not leave them running.
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

  public String name() {
    return name;
  }

  public String baseUrl() {
    return app.baseUrl();
  }

  public boolean running() {
    return app != null && app.isAlive();
  }

  /** When the node last finished starting. */
  public Instant startedAt() {
    return startedAt;
  }

  /**
   * Starts the node and returns once it serves requests and has set the clinic up (groups, grants,
   * filters): that runs after Spring's "Started" line, on every start, and a start can still fail in it.
   */
  public ClusterNode start() throws IOException, InterruptedException {
    if (running()) {
      throw new IllegalStateException(name + " is already running");
    }
    starts++;
    Files.createDirectories(workingDirectory);
    String log = logPrefix.getFileName() + "-" + name + (starts == 1 ? "" : "-start" + starts) + ".log";
    app = PackagedApp.start(logPrefix.resolveSibling(log), workingDirectory, environment,
        arguments.toArray(String[]::new));
    app.awaitLogLine("clinic set up: ", START_UP);
    startedAt = Instant.now();
    return this;
  }

  /** A clean stop (SIGTERM): Spring closes the engine, whose job executor stops acquiring. */
  public void stop() throws InterruptedException {
    if (running()) {
      app.close();
    }
  }

  /** kill -9: no shutdown hook, no rollback by the node itself; its open transactions die with its connections. */
  public void kill() throws InterruptedException {
    if (running()) {
      app.kill();
    }
  }

  /** Lines the node's latest start has logged that contain {@code text}. */
  public long countLogLines(String text) throws IOException {
    return app == null ? 0 : app.output().lines().filter(line -> line.contains(text)).count();
  }

  @Override
  public String toString() {
    return name;
  }
}
