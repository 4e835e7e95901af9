package org.jheartbeat.resources;

import java.nio.file.Path;
import org.jheartbeat.config.Monitors;

/** What the resource manager needs for resource monitoring: the monitors file and the way to check. */
public record Monitoring(Monitors monitors, MonitorProbe probe) {
  /** No monitoring (no monitors file). */
  public static final Monitoring NONE =
      new Monitoring(Monitors.none(Path.of("monitors")), (resource, timeout, done) -> { });
}
