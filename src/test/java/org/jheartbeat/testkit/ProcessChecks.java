package org.jheartbeat.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a test needs to know about processes it caused: alive or not, zombies counting as gone. */
public final class ProcessChecks {
  private ProcessChecks() {}

  /**
   * Whether {@code pid} is a live process: it exists in /proc and is not a zombie
   * (NAMESPACE-NOTES: re-parented children may stay zombies for a while after a kill).
   */
  public static boolean alive(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String afterName = stat.substring(stat.lastIndexOf(')') + 2);
      return afterName.charAt(0) != 'Z' && afterName.charAt(0) != 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The pids written one per line into {@code file} by a test script. */
  public static List<Long> pids(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().map(String::strip).filter(s -> s.matches("\\d+"))
        .map(Long::parseLong).toList();
  }
}
