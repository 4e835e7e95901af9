package org.jheartbeat.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Minimum, median and maximum of a benchmark's repeated measurements (milliseconds), and how many
 * runs they came from. The median of an even count is the mean of the two middle values, rounded
 * down, so that five runs and four runs are read the same way.
 */
public record Summary(long min, long median, long max, int count) {
  public Summary {
    if (count < 1 || min > median || median > max) {
      throw new IllegalArgumentException("not a summary: min " + min + " median " + median + " max " + max
          + " of " + count);
    }
  }

  /** The summary of {@code values}, which must not be empty. */
  public static Summary of(List<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no measurements to summarise");
    }
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    long median = n % 2 == 1 ? sorted.get(n / 2) : Math.floorDiv(sorted.get(n / 2 - 1) + sorted.get(n / 2), 2);
    return new Summary(sorted.get(0), median, sorted.get(n - 1), n);
  }

  /** {@code min / median / max} as a table cell. */
  public String cell() {
    return min + " / " + median + " / " + max;
  }
}
