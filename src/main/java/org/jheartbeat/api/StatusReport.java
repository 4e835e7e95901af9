package org.jheartbeat.api;

import java.util.List;

/**
 * What {@code jheartbeat status} shows: this node, the node table with links, and the resource
 * groups with their state and owner. Serialised as JSON on the control socket and by
 * {@code status --json}; the field names are part of the interface.
 */
public record StatusReport(
    String node,
    String version,
    String status,
    long generation,
    List<ClusterView.Node> nodes,
    Resources resources) {

  public StatusReport {
    nodes = List.copyOf(nodes);
  }

  /** The resource manager's view: mode, rscstatus and each group. */
  public record Resources(String autoFailback, String state, String rscstatus, List<Group> groups) {
    public Resources {
      groups = List.copyOf(groups);
    }
  }

  /** One haresources group: its key, preferred node, state, owner and last change. */
  public record Group(String key, String preferredNode, String state, String owner,
      String since, String reason) {}
}
