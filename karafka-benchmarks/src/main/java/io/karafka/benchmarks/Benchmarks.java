package io.karafka.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the benchmarks named on the command line (default: all) and writes their results into
 * {@code BENCHMARKS.md}, each suite in its own section, with the machine and the command.
 */
public final class Benchmarks {
  private Benchmarks() {}

  /** @param args suite names: {@code kafka}, {@code redis} (comma-separated or several) */
  public static void main(String[] args) throws Exception {
    List<String> suites = args.length == 0 ? List.of("kafka", "redis")
        : Arrays.stream(args).flatMap(a -> Arrays.stream(a.split(","))).toList();
    for (String suite : suites) {
      String section = switch (suite) {
        case "kafka" -> new KafkaThroughput().run();
        case "redis" -> new RedisThroughput().run();
        default -> throw new IllegalArgumentException("unknown benchmark '" + suite
            + "'; known: kafka, redis");
      };
      write(suite, section);
    }
  }

  static String machine() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean();
    return Runtime.getRuntime().availableProcessors() + " cores, "
        + os.getTotalMemorySize() / (1024 * 1024 * 1024) + " GiB, " + System.getProperty("os.name")
        + " " + System.getProperty("os.version") + ", Java " + System.getProperty("java.version")
        + " (" + System.getProperty("java.vm.name") + "), heap " + Runtime.getRuntime().maxMemory()
        / (1024 * 1024) + " MiB, " + LocalDate.now();
  }

  private static void write(String suite, String section) throws IOException {
    Path file = Path.of("BENCHMARKS.md");
    String text = Files.exists(file) ? Files.readString(file)
        : "# Benchmarks\n\nRatios are measured side by side in one run on the same machine;"
            + " absolute numbers move ±20% between runs on these shared 2-core machines.\n";
    String start = "<!-- " + suite + ":start -->";
    String end = "<!-- " + suite + ":end -->";
    String block = start + "\n" + section.strip() + "\n" + end;
    int from = text.indexOf(start);
    int to = text.indexOf(end);
    text = from >= 0 && to > from ? text.substring(0, from) + block
        + text.substring(to + end.length()) : text.stripTrailing() + "\n\n" + block + "\n";
    Files.writeString(file, text);
    System.out.println(section);
    System.out.println("written to " + file.toAbsolutePath());
  }
}
