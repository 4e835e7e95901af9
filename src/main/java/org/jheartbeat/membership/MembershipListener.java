package org.jheartbeat.membership;

import org.jheartbeat.wire.Message;

/**
 * Edges reported by {@link Membership}, on the event loop, once per transition (HOUSE-STYLE
 * habit 5). All methods default to doing nothing.
 */
public interface MembershipListener {
  /** A node of the table (never the local one) changed status. */
  default void nodeStatusChanged(String node, NodeStatus from, NodeStatus to) {}

  /** A link changed status (spec membership §1.3; reported to API clients as {@code ifstat}). */
  default void linkStatusChanged(String node, String link, LinkStatus to) {}

  /** Comm up: the local node just became {@code active} (spec membership §3 step 5). */
  default void commUp() {}

  /**
   * A sequenced, in-order or recovered message for this node (or broadcast) of a type the
   * membership layer does not consume itself, e.g. {@code resource} or {@code starting}.
   */
  default void delivered(Message message) {}

  MembershipListener NONE = new MembershipListener() {};
}
