package org.jheartbeat.config;

import java.util.Locale;

/**
 * The node whose view of the configuration is checked. The daemon requires it to be one of the
 * nodes (Heartbeat refuses to start otherwise); {@code check-config} run on a machine outside
 * the cluster, such as an administrator's workstation, only warns.
 */
public record LocalNode(String name, boolean required) {
  public LocalNode {
    name = name.toLowerCase(Locale.ROOT);
  }

  public static LocalNode required(String name) {
    return new LocalNode(name, true);
  }

  public static LocalNode advisory(String name) {
    return new LocalNode(name, false);
  }
}
