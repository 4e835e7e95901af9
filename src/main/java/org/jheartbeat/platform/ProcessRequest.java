package org.jheartbeat.platform;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One command to run: the argv list (element 0 is the program), environment additions on top of
 * the daemon's own environment, an optional working directory and the time limit.
 */
public record ProcessRequest(
    List<String> argv, Map<String, String> env, Optional<Path> workDir, Duration timeout) {
  public ProcessRequest {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("empty argv");
    }
    env = Map.copyOf(env);
    Objects.requireNonNull(workDir, "workDir");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /** {@code argv} with no extra environment, in the daemon's working directory. */
  public static ProcessRequest of(Duration timeout, List<String> argv) {
    return new ProcessRequest(argv, Map.of(), Optional.empty(), timeout);
  }

  public ProcessRequest withEnv(Map<String, String> additions) {
    return new ProcessRequest(argv, additions, workDir, timeout);
  }

  public ProcessRequest withWorkDir(Path dir) {
    return new ProcessRequest(argv, env, Optional.of(dir), timeout);
  }

  /** The same request with {@code prefix} put in front of argv (e.g. {@code ip netns exec NS}). */
  public ProcessRequest prefixed(List<String> prefix) {
    List<String> full = new java.util.ArrayList<>(prefix);
    full.addAll(argv);
    return new ProcessRequest(full, env, workDir, timeout);
  }

  /** argv joined by spaces, for log lines. */
  public String commandLine() {
    return String.join(" ", argv);
  }
}
