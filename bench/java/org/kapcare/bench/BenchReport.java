package org.kapcare.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of one run: printed as they come, then written to target/bench/results.md and .json. */
final class BenchReport {

  record Figure(String name, Object value, String unit) {}

  record Section(String title, String machine, List<Figure> figures, List<String> notes) {}

  private final List<Section> sections = new ArrayList<>();
  private final String machine = Runtime.getRuntime().availableProcessors() + " cores, Java "
      + System.getProperty("java.version") + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";

  Section section(String title) {
    Section section = new Section(title, machine, new ArrayList<>(), new ArrayList<>());
    sections.add(section);
    System.out.println("\n== " + title + " (" + machine + ")");
    return section;
  }

  static void add(Section section, String name, Object value, String unit) {
    section.figures().add(new Figure(name, value, unit));
    System.out.printf("  %-62s %12s %s%n", name, value, unit);
  }

  /** A note that starts with this fails the run: the bench exits with 1, so CI goes red. */
  static final String FAILED = "FAILED: ";

  static void note(Section section, String note) {
    section.notes().add(note);
    System.out.println("  " + note);
  }

  /** Whether any benchmark noted a failure (a missing or duplicated escalation, a wrong count). */
  boolean failed() {
    return sections.stream().anyMatch(section -> section.notes().stream().anyMatch(note -> note.startsWith(FAILED)));
  }

  /** The machine's load average over 1, 5 and 15 minutes: how much else ran beside a benchmark. */
  /** p50 / p95 / max of sorted nanoseconds, in milliseconds. */
  static String spread(long[] sorted) {
    return String.format("%.1f / %.1f / %.1f", percentile(sorted, 50) / 1e6, percentile(sorted, 95) / 1e6,
        sorted[sorted.length - 1] / 1e6);
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, int percent) {
    return sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
  }

  static String loadAverage() {
    try {
      String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return load[0] + ", " + load[1] + ", " + load[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  void write(Path folder) throws IOException {
    Files.createDirectories(folder);
    StringBuilder md = new StringBuilder("# KAP Care benchmark results\n");
    for (Section section : sections) {
      md.append("\n## ").append(section.title()).append("\n\nMachine: ").append(section.machine())
          .append("\n\n| figure | value | unit |\n|---|---:|---|\n");
      for (Figure figure : section.figures()) {
        md.append("| ").append(figure.name()).append(" | ").append(figure.value()).append(" | ").append(figure.unit())
            .append(" |\n");
      }
      section.notes().forEach(note -> md.append("\n").append(note).append("\n"));
    }
    Files.writeString(folder.resolve("results.md"), md);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sections", sections);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("results.json").toFile(), json);
    System.out.println("\nWritten to " + folder.resolve("results.md") + " and results.json");
  }
}
