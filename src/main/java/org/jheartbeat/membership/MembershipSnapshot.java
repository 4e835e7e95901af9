package org.jheartbeat.membership;

import java.util.List;
import java.util.Map;

/**
 * An immutable picture of membership for {@code cl_status} and the status API, taken on the loop.
 *
 * @param largestLateIntervalMs the largest interval between two status messages of one peer
 *     that exceeded warntime (0 if none)
 */
public record MembershipSnapshot(
    String localNode,
    NodeStatus localStatus,
    long generation,
    boolean commUp,
    List<NodeView> nodes,
    long largestLateIntervalMs) {
  public MembershipSnapshot {
    nodes = List.copyOf(nodes);
  }

  /** One node-table entry; {@code links} in media order. */
  public record NodeView(
      String name, boolean ping, NodeStatus status, long deadTimeMs, Map<String, LinkStatus> links) {
    public NodeView {
      links = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(links));
    }
  }

  public NodeView node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + name));
  }
}
