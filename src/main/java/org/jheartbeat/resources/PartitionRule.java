package org.jheartbeat.resources;

import java.util.List;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.ResourceGroup;

/**
 * Who keeps a group when a partition heals (our deliberate rule; Heartbeat restarts both sides
 * instead, spec membership §5.7). With {@code auto_failback on} or {@code legacy} every node
 * keeps the groups it is preferred for; with {@code off} the node whose name sorts first keeps
 * everything and the other gives up everything. Both nodes evaluate it with the same inputs (the
 * shared configuration and the two names), so they agree without exchanging a message.
 */
final class PartitionRule {
  private PartitionRule() {}

  /** Whether {@code me} keeps group {@code g} after healing a partition with {@code peer}. */
  static boolean keeps(AutoFailback mode, String me, String peer, ResourceGroup g) {
    return mode == AutoFailback.OFF ? me.compareTo(peer) < 0 : g.preferredNode().equals(me);
  }

  /** The held set {@code me} still claims afterwards. */
  static HeldSet kept(AutoFailback mode, String me, String peer, HeldSet held) {
    if (mode != AutoFailback.OFF) {
      return held.minus(HeldSet.FOREIGN);
    }
    return me.compareTo(peer) < 0 ? held : HeldSet.NONE;
  }

  /** Of an overlap (a set both nodes hold, from {@code me}'s view), the part {@code me} gives up. */
  static HeldSet lost(AutoFailback mode, String me, String peer, HeldSet overlap) {
    if (mode != AutoFailback.OFF) {
      return overlap.minus(HeldSet.LOCAL);
    }
    return me.compareTo(peer) < 0 ? HeldSet.NONE : overlap;
  }

  /** Of the groups running here, those to stop. */
  static List<ResourceGroup> release(AutoFailback mode, String me, String peer,
      List<ResourceGroup> runningHere) {
    return runningHere.stream().filter(g -> !keeps(mode, me, peer, g)).toList();
  }
}
