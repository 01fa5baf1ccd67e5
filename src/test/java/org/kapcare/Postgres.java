package org.kapcare;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL for one test class: Debian's server binaries, started through
 * {@code .ci/postgres.sh} in {@code target/postgres/<TestClass>/} on a free loopback port, stopped
 * after the class. Register it on a static field:
 * {@code @RegisterExtension static final Postgres postgres = new Postgres();} and read
 * {@link #jdbcUrl()} (user {@code kapcare}, no password, database {@code kapcare}) in
 * {@code @BeforeAll} or the tests.
 *
 * <p>Without the server binaries the test class is skipped, with the reason in the reports (a
 * newcomer with only a JDK still gets a green build), unless {@code -Dkapcare.postgres.required=true},
 * which CI sets, turns that into a failure. As in {@code Browser}, the skip is an execution
 * condition: Maven reports a class whose {@code beforeAll} aborts on an assumption as no tests at
 * all, not as skipped. The folder, with the server's log, stays until the next run. Options:
 * {@code -Dkapcare.postgres.dir} (default {@code target/postgres}), {@code -Dkapcare.postgres.script}.
 */
public final class Postgres implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

  private static final boolean REQUIRED = Boolean.getBoolean("kapcare.postgres.required");
  private static final Path SCRIPT = Path.of(System.getProperty("kapcare.postgres.script", ".ci/postgres.sh"));
  private static final Path FOLDERS = Path.of(System.getProperty("kapcare.postgres.dir", "target/postgres"));
  /** Debian keeps the server binaries off the PATH, one folder per major version; the script looks there too. */
  private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);
  /** The script's exit status when it finds no server binaries. */
  private static final int NOT_INSTALLED = 3;

  private Path folder;
  private String jdbcUrl;
  private Thread stopOnExit;

  /** The running server's JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:41234/kapcare}. */
  public String jdbcUrl() {
    if (jdbcUrl == null) {
      throw new IllegalStateException("PostgreSQL is not running; register Postgres on a static field");
    }
    return jdbcUrl;
  }

  public String user() {
    return "kapcare";
  }

  /** Empty: the throwaway server trusts connections from 127.0.0.1. */
  public String password() {
    return "";
  }

  /** A new connection to the database, for the test to close. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user(), password());
  }

  /** Where the cluster and its {@code server.log} are. */
  public Path folder() {
    return folder;
  }

  // --- JUnit lifecycle ---------------------------------------------------------------------

  /**
   * Skips the class as disabled, with the reason, when the binaries are missing: an assumption that
   * fails in {@code beforeAll} would be reported by Maven as no tests at all, and a skipped cluster
   * test must show as skipped.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String missing = missing();
    if (missing == null) {
      return ConditionEvaluationResult.enabled("PostgreSQL server binaries found");
    }
    // Required: stay enabled so that beforeAll fails the class instead of skipping it.
    return REQUIRED ? ConditionEvaluationResult.enabled(missing)
        : ConditionEvaluationResult.disabled("PostgreSQL tests skipped: " + missing);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    String missing = missing();
    if (missing != null) {
      failOrSkip(missing);
    }
    folder = FOLDERS.resolve(context.getRequiredTestClass().getSimpleName()).toAbsolutePath();
    removeLeftovers();
    // A port that was free a moment ago may be taken by the time the server binds it: try another.
    IOException lastFailure = null;
    for (int attempt = 1; attempt <= 3 && jdbcUrl == null; attempt++) {
      int port = freeLoopbackPort();
      try {
        String url = script("start", folder.toString(), String.valueOf(port)).trim();
        jdbcUrl = url.lines().reduce((first, last) -> last).orElse(url);
      } catch (ScriptFailed e) {
        if (e.status == NOT_INSTALLED) {
          failOrSkip(e.getMessage());
        }
        lastFailure = e;
        removeLeftovers();
      }
    }
    if (jdbcUrl == null) {
      throw new IllegalStateException("PostgreSQL did not start; see " + folder.resolve("server.log"), lastFailure);
    }
    // A test JVM that is stopped (Ctrl-C, a timeout) skips afterAll; the server must not outlive it.
    stopOnExit = new Thread(this::stopQuietly, "postgres-stop-" + folder.getFileName());
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (jdbcUrl == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    jdbcUrl = null;
    script("stop", folder.toString());
  }

  private void stopQuietly() {
    try {
      script("stop", folder.toString());
    } catch (IOException | RuntimeException e) {
      System.err.println("Could not stop PostgreSQL in " + folder + ": " + e.getMessage());
    }
  }

  private static void failOrSkip(String missing) {
    if (REQUIRED) {
      throw new IllegalStateException("PostgreSQL is required (kapcare.postgres.required=true) but " + missing);
    }
    Assumptions.abort("PostgreSQL tests skipped: " + missing);
  }

  /** Null when the server binaries are there, else what is missing and how to get it. */
  private static String missing() {
    if (!Files.isRegularFile(SCRIPT)) {
      return SCRIPT.toAbsolutePath() + " not found (run the tests from the project's folder)";
    }
    if (Files.isDirectory(DEBIAN)) {
      try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN)) {
        for (Path version : versions) {
          if (Files.isExecutable(version.resolve("bin/initdb"))) {
            return null;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "initdb"))) {
        return null;
      }
    }
    return "the PostgreSQL server binaries (initdb) were not found in /usr/lib/postgresql/*/bin or on the PATH. "
        + "Install Debian's 'postgresql' package";
  }

  /** A server left running by a test JVM that was killed is stopped; then the old folder goes. */
  private void removeLeftovers() throws IOException {
    if (Files.exists(folder.resolve("data/postmaster.pid"))) {
      stopQuietly();
    }
    if (Files.exists(folder)) {
      try (Stream<Path> old = Files.walk(folder)) {
        old.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    Files.createDirectories(folder.getParent());
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String script(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    // Into a file, not a pipe: whatever the script leaves running can never hold the test up.
    Path output = Files.createTempFile("postgres-script", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      try {
        if (!process.waitFor(SCRIPT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new ScriptFailed(-1, String.join(" ", command) + " did not finish within " + SCRIPT_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IOException("interrupted while running " + String.join(" ", command), e);
      }
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new ScriptFailed(process.exitValue(), String.join(" ", command) + " failed (" + process.exitValue() + "): "
            + printed.trim());
      }
      return printed;
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static final class ScriptFailed extends IOException {
    final int status;

    ScriptFailed(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
