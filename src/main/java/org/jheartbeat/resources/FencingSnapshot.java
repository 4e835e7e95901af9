package org.jheartbeat.resources;

import java.util.List;

/**
 * An immutable view of fencing for status displays: each dead peer this node had to reset, and
 * the ping quorum's view ({@code ""} unless {@code split_brain_policy ping_quorum} is in force).
 */
public record FencingSnapshot(List<Peer> peers, String quorum) {
  public FencingSnapshot {
    peers = List.copyOf(peers);
  }

  /**
   * One peer: {@code phase} is {@code resetting}, {@code failed} (its takeover is blocked),
   * {@code done} or {@code abandoned}; {@code failures} counts failed resets in a row.
   */
  public record Peer(String node, String phase, int failures, long sinceMillis) {}
}
