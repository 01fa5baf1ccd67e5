package org.kapcare;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packaged application (the jar {@code package} built) in a JVM of its own, as an operator
 * starts it: for integration tests (failsafe) that need a real start, a real exit or a kill; or a
 * main class from the class path, for the start-up benchmark.
 * Its output goes to a log file under target/, named by the test.
 */
public final class PackagedApp implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;

  private PackagedApp(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the jar in {@code workingDirectory} on a free port with these arguments and environment
   * variables; its output goes to {@code <name>.log} in {@link #logFolder()}.
   */
  public static PackagedApp start(String name, Path workingDirectory, Map<String, String> environment, String... args)
      throws IOException {
    return start(logFolder().resolve(name + ".log"), workingDirectory, environment, args);
  }

  /** The same with the output in {@code log}, wherever the caller keeps its logs (the benchmarks: target/bench). */
  public static PackagedApp start(Path log, Path workingDirectory, Map<String, String> environment, String... args)
      throws IOException {
    Path jar = Path.of(System.getProperty("kapcare.jar", "target/kapcare-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
    return launch(log, workingDirectory, environment, List.of("-jar", jar.toString()), args);
  }

  /**
   * Starts {@code mainClass} from this JVM's own class path, as {@code ./mvnw spring-boot:run} starts
   * the app from target/classes, with the output in {@code log}: for a benchmark that compares the app
   * with another main class started the same way.
   */
  public static PackagedApp startMain(Path log, Path workingDirectory, Map<String, String> environment,
      String mainClass, String... args) throws IOException {
    return startMain(log, workingDirectory, environment, System.getProperty("java.class.path"), mainClass, args);
  }

  /** The same with a class path of the caller's choosing. */
  public static PackagedApp startMain(Path log, Path workingDirectory, Map<String, String> environment,
      String classPath, String mainClass, String... args) throws IOException {
    return launch(log, workingDirectory, environment, List.of("-cp", classPath, mainClass), args);
  }

  private static PackagedApp launch(Path log, Path workingDirectory, Map<String, String> environment,
      List<String> what, String... args) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    log = log.toAbsolutePath();
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(what);
    command.add("--server.port=" + port);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    return new PackagedApp(builder.start(), log, port);
  }

  /** The operating system's id of the app's JVM, to read its memory from /proc. */
  public long pid() {
    return process.pid();
  }

  /** Where the integration tests' apps log: failsafe's reports folder under Maven, else target. */
  public static Path logFolder() {
    return Path.of(System.getProperty("kapcare.it.logs", "target")).toAbsolutePath();
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** False once the app has ended: stopped, killed or refused to start. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits until the log shows {@code line}; fails, naming the log, if the app ends or time runs out first. */
  public void awaitLogLine(String line, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!output().contains(line)) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the app never logged '" + line + "'; see " + log);
      }
      Thread.sleep(500);
    }
  }

  /** Waits for the app to end by itself (a refused start) and gives its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the app did not end within " + timeout + "; see " + log);
    }
    return process.exitValue();
  }

  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  /** As {@code kill -9}: no shutdown hook runs, locks and jobs stay as they were. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      kill();
    }
  }
}
