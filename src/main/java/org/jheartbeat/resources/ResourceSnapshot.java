package org.jheartbeat.resources;

import java.util.List;
import org.jheartbeat.config.AutoFailback;

/**
 * An immutable view of one node's resource manager for status displays ({@code cl_status
 * rscstatus}, the HTTP status page), with the monitored resources.
 *
 * @param rscstatus what {@code cl_status rscstatus} prints (spec membership §7.2)
 */
public record ResourceSnapshot(
    String node,
    AutoFailback mode,
    RmState state,
    HeldSet held,
    HeldSet peerHeld,
    boolean peerStable,
    StandbyState standby,
    String rscstatus,
    List<GroupView> groups,
    List<MonitorView> monitors) {

  public ResourceSnapshot {
    groups = List.copyOf(groups);
    monitors = List.copyOf(monitors);
  }

  /**
   * One group: its key, preferred node, state here, owner as far as this node knows ({@code ""}
   * when nobody is known to run it), and the last transition's wall time and reason.
   */
  public record GroupView(String key, String preferredNode, GroupState state, String owner,
      long lastChangeMillis, String reason) {}
}
