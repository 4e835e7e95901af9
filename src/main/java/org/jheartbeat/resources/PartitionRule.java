package org.jheartbeat.resources;

import org.jheartbeat.config.AutoFailback;

/**
 * Who keeps a group when a partition heals (our deliberate rule; Heartbeat restarts both sides
 * instead, spec membership §5.7). With {@code auto_failback on} or {@code legacy} every node
 * keeps the groups it is preferred for; with {@code off} the node whose name sorts first keeps
 * everything and the other gives up everything. Both nodes evaluate it with the same inputs (the
 * shared configuration and the two names), so they agree without exchanging a message.
 */
final class PartitionRule {
  private PartitionRule() {}

  /** Of an overlap (a set both nodes hold, from {@code me}'s view), the part {@code me} gives up. */
  static HeldSet lost(AutoFailback mode, String me, String peer, HeldSet overlap) {
    if (mode != AutoFailback.OFF) {
      return overlap.minus(HeldSet.LOCAL);
    }
    return me.compareTo(peer) < 0 ? HeldSet.NONE : overlap;
  }
}
