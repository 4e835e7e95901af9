package org.jheartbeat.config;

import java.util.List;

/**
 * A ping node: a {@code ping HOST} (name = host) or a {@code ping_group NAME HOST...}. It sits
 * in the node table beside the normal nodes with status {@code ping} while its hosts answer.
 */
public record PingNode(String name, List<String> hosts, boolean group, int line) {
  public PingNode {
    hosts = List.copyOf(hosts);
  }
}
