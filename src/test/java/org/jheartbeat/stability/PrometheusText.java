package org.jheartbeat.stability;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition ({@code /metrics}), keyed by the series as written
 * ({@code name} or {@code name{label="v",...}}); comment lines are skipped. Enough for reading the
 * daemon's own counters and gauges in benchmarks.
 */
record PrometheusText(Map<String, Double> samples) {
  static PrometheusText parse(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space > 0) {
        try {
          samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        } catch (NumberFormatException e) {
          // not a sample line; the exposition format allows nothing else, so ignore it
        }
      }
    }
    return new PrometheusText(samples);
  }

  /** The value of series {@code name} whose labels contain {@code label} (e.g. {@code node="st2"}), or 0. */
  double get(String name, String label) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{") && e.getKey().contains(label))
        .mapToDouble(Map.Entry::getValue).findFirst().orElse(0);
  }

  double get(String name) {
    return get(name, "");
  }

  /** Whether the exposition has series {@code name} at all. */
  boolean has(String name) {
    return samples.keySet().stream().anyMatch(k -> k.equals(name) || k.startsWith(name + "{"));
  }
}
