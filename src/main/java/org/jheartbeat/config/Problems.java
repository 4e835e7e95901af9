package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the problems of one validation pass, so that every problem is reported at once
 * instead of stopping at the first (an operator fixes a file in one round, not ten).
 */
public final class Problems {
  private final List<Problem> found = new ArrayList<>();

  public void error(Path file, int line, String message) {
    found.add(Problem.error(file, line, message));
  }

  public void warning(Path file, int line, String message) {
    found.add(Problem.warning(file, line, message));
  }

  public void add(Problem problem) {
    found.add(problem);
  }

  public boolean hasErrors() {
    return found.stream().anyMatch(Problem::isError);
  }

  /** The problems in the order they were found. */
  public List<Problem> list() {
    return List.copyOf(found);
  }
}
