package org.jheartbeat.config;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of loading a configuration: every problem found, and the configuration when no
 * problem is an error.
 */
public record ConfigReport(Optional<ClusterConfig> config, List<Problem> problems) {
  public ConfigReport {
    problems = List.copyOf(problems);
  }

  public boolean valid() {
    return config.isPresent();
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }
}
