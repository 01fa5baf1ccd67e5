package org.kapcare.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU a PostgreSQL cluster has used so far, from Linux's {@code /proc}: its postmaster and every
 * process it started (one backend per connection, autovacuum, the writers), user and system time.
 * Taken before and after a span of work, the difference is the database's cost of that work,
 * including what it did in the background meanwhile.
 */
final class PostgresCpu {

  /** Linux's clock ticks per second for /proc's times ({@code getconf CLK_TCK}: 100 on every Debian build). */
  private static final double TICKS_PER_SECOND = 100.0;

  private PostgresCpu() {}

  /** Seconds of CPU the cluster whose data directory is {@code data} has used, its ended processes' included. */
  static double seconds(Path data) throws IOException {
    long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    long ticks = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        String[] fields = stat(process);
        if (fields == null) {
          continue;
        }
        long pid = Long.parseLong(process.getFileName().toString());
        // After the command's closing parenthesis: state (0), ppid (1), ... utime (11), stime (12), cutime (13), cstime (14).
        if (pid == postmaster) {
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
              + Long.parseLong(fields[14]);
        } else if (Long.parseLong(fields[1]) == postmaster) {
          ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
      }
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** The fields after the process's name, or null for a process that ended meanwhile. */
  private static String[] stat(Path process) {
    try {
      String stat = Files.readString(process.resolve("stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException ended) {
      return null;
    }
  }
}
