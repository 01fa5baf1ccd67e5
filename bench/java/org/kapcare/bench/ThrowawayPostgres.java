package org.kapcare.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kapcare.KapCareApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A PostgreSQL cluster of its own for one benchmark, made by {@code .ci/postgres.sh} (Debian's
 * server binaries, {@code initdb} in {@code folder}, {@code fsync=off}), stopped and its data deleted on close.
 * {@link #start} answers null, after the script has said why, when the binaries are missing.
 */
final class ThrowawayPostgres implements AutoCloseable {

  static final String SKIPPED = "skipped: no PostgreSQL server binaries (apt-get install postgresql), see the message above";

  private final Path folder;
  private final String url;

  private ThrowawayPostgres(Path folder, String url) {
    this.folder = folder;
    this.url = url;
  }

  /** A fresh cluster in {@code folder} (a previous run's is removed first) on {@code port}, 0 for any free port. */
  static ThrowawayPostgres start(Path folder, int port) throws IOException, InterruptedException {
    Bench.deleteRecursively(folder);
    if (port == 0) {
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
    }
    Process start = new ProcessBuilder("bash", ".ci/postgres.sh", "start", folder.toString(), String.valueOf(port))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String url = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    return start.waitFor() == 0 ? new ThrowawayPostgres(folder, url) : null;
  }

  /** The cluster's data directory, where {@link PostgresCpu} finds its postmaster. */
  Path data() {
    return folder.resolve("data");
  }

  /**
   * The Spring Boot arguments that point the app at this cluster (user kapcare, no password)
   * through the postgres profile itself, so that a benchmark runs with a clinic's database settings.
   */
  List<String> datasource() {
    List<String> arguments = new ArrayList<>(List.of("--spring.profiles.include=postgres"));
    environment().forEach((name, value) -> arguments.add("--" + name + "=" + value));
    return arguments;
  }

  /**
   * KAP Care on this cluster, in this JVM, as a clinic runs it (the postgres profile, a first
   * administrator, the bench profile's extra port when {@code sources} adds it), logging to
   * {@code target/bench/<log>} only, on a free port.
   */
  ConfigurableApplicationContext app(String log, Class<?>... sources) {
    List<String> args = new ArrayList<>(datasource());
    args.addAll(List.of("--spring.profiles.active=bench", "--server.port=0", "--logging.file.name=target/bench/" + log,
        "--logging.threshold.console=OFF"));
    args.addAll(Bench.FIRST_ADMINISTRATOR);
    List<Class<?>> all = new ArrayList<>(List.of(KapCareApplication.class));
    all.addAll(List.of(sources));
    return new SpringApplicationBuilder(all.toArray(Class<?>[]::new)).run(args.toArray(String[]::new));
  }

  /** The environment variables a clinic's deployment gives each node for the postgres profile (no password here). */
  Map<String, String> environment() {
    return Map.of("KAPCARE_DB_URL", url, "KAPCARE_DB_USER", "kapcare");
  }

  /**
   * Stops the cluster and deletes its data, keeping the logs (server.log, initdb.log): a full run's
   * databases took 5 to 24 GB each and were left in target/bench.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    new ProcessBuilder("bash", ".ci/postgres.sh", "stop", folder.toString()).inheritIO().start().waitFor();
    Bench.deleteRecursively(folder.resolve("data"));
  }
}
