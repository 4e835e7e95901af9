package org.jheartbeat.api;

import java.util.List;

/**
 * What {@code jheartbeat status} and {@code GET /api/v1/status} show: this node, the node table
 * with links, the resource groups with their state and owner, and the latest transitions (oldest
 * first). Serialised as JSON on the control socket and by
 * {@code status --json}; the field names are part of the interface.
 */
public record StatusReport(
    String node,
    String version,
    String status,
    long generation,
    List<ClusterView.Node> nodes,
    Resources resources,
    List<Transition> transitions) {

  public StatusReport {
    nodes = List.copyOf(nodes);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
  }

  /** The resource manager's view: mode, rscstatus and each group. */
  public record Resources(String autoFailback, String state, String rscstatus, List<Group> groups) {
    public Resources {
      groups = List.copyOf(groups);
    }
  }

  /**
   * One edge seen by this node: {@code kind} is {@code node}, {@code link} or {@code group};
   * {@code subject} the node, {@code node:link} or group key; {@code at} an ISO-8601 instant.
   */
  public record Transition(String at, String kind, String subject, String from, String to, String reason) {}

  /** One haresources group: its key, preferred node, state, owner and last change. */
  public record Group(String key, String preferredNode, String state, String owner,
      String since, String reason) {}
}
