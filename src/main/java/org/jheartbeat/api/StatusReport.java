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
    List<Transition> transitions,
    Fencing fencing) {

  public StatusReport {
    nodes = List.copyOf(nodes);
    transitions = transitions == null ? List.of() : List.copyOf(transitions);
    fencing = fencing == null ? Fencing.NONE : fencing;
  }

  /** A report of a node that never had to fence. */
  public StatusReport(String node, String version, String status, long generation, List<ClusterView.Node> nodes,
      Resources resources, List<Transition> transitions) {
    this(node, version, status, generation, nodes, resources, transitions, Fencing.NONE);
  }

  /**
   * STONITH and split-brain state: each dead peer this node had to reset ({@code phase}
   * resetting, failed — its takeover is blocked —, done or abandoned; {@code failures} in a row;
   * {@code since} ISO-8601) and the ping quorum's view ({@code ""} unless
   * {@code split_brain_policy ping_quorum}).
   */
  public record Fencing(List<Fence> peers, String quorum) {
    public static final Fencing NONE = new Fencing(List.of(), "");

    public Fencing {
      peers = List.copyOf(peers);
    }
  }

  /** One peer's fencing. */
  public record Fence(String node, String phase, int failures, String since) {}

  /** The resource manager's view: mode, rscstatus, each group and each monitored resource. */
  public record Resources(String autoFailback, String state, String rscstatus, List<Group> groups,
      List<Monitor> monitors) {
    public Resources {
      groups = List.copyOf(groups);
      monitors = monitors == null ? List.of() : List.copyOf(monitors);
    }

    /** The view of a node without a monitors file. */
    public Resources(String autoFailback, String state, String rscstatus, List<Group> groups) {
      this(autoFailback, state, rscstatus, groups, List.of());
    }
  }

  /**
   * One monitored resource (the monitors file): {@code state} is {@code inactive} (its group does
   * not run here), {@code pending}, {@code ok}, {@code failed} or {@code recovering};
   * {@code failCount} counts towards {@code threshold}; {@code lastFailure} is an ISO-8601
   * instant or {@code ""}, {@code lastFailureText} the verdict, rc and output.
   */
  public record Monitor(String resource, String group, String state, int failCount, int threshold,
      String onFail, long checks, String lastFailure, String lastFailureText) {}

  /**
   * One edge seen by this node: {@code kind} is {@code node}, {@code link} or {@code group};
   * {@code subject} the node, {@code node:link} or group key; {@code at} an ISO-8601 instant.
   */
  public record Transition(String at, String kind, String subject, String from, String to, String reason) {}

  /** One haresources group: its key, preferred node, state, owner and last change. */
  public record Group(String key, String preferredNode, String state, String owner,
      String since, String reason) {}
}
