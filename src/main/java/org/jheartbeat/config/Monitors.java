package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The monitors file beside haresources (jheartbeat's addition; Heartbeat peers never read it): the
 * monitored resources in file order. An absent file means no monitoring.
 */
public record Monitors(Path file, boolean present, List<MonitorSpec> specs) {
  public Monitors {
    specs = List.copyOf(specs);
  }

  public static Monitors none(Path file) {
    return new Monitors(file, false, List.of());
  }

  /** The monitored resources of one group, in group order. */
  public List<MonitorSpec> ofGroup(String groupKey) {
    return specs.stream().filter(s -> s.group().equals(groupKey))
        .sorted(java.util.Comparator.comparingInt(MonitorSpec::index)).toList();
  }
}
