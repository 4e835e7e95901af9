package org.jheartbeat.resources;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.SplitBrainPolicy;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ping_quorum} tie-breaker of {@code split_brain_policy}: when a peer is declared dead
 * this node may act for the cluster (fence the peer, take its groups, keep its own) only if it
 * still reaches at least one ping node, or — when the peer's last word was that it reaches none
 * either, so the ping nodes cannot tell — if its name sorts first among the cluster nodes.
 * Otherwise the peer may be alive on the side of the partition that still reaches the ping nodes,
 * and this node stands down. Each node tells its peers how many ping nodes it reaches ({@code
 * t=jhb-quorum pingreach=N}) whenever that number changes and when a peer becomes active; a peer
 * that never said (a real Heartbeat node) counts as one that may reach them.
 *
 * <p>The decision waits {@link #settle()} (deadping − deadtime + 2 × keepalive, at least
 * 2 × keepalive) after the peer's death so that ping node status is as fresh as the peer's: a
 * cable pulled on this node silences the ping node and the peer at the same moment, and the ping
 * node is declared dead after deadping, the peer after deadtime. A ping node that answers again
 * is trusted after the same delay, by which time a healed partition has shown the peer alive.
 * Owned by the event loop.
 */
final class PingQuorum {
  static final String MESSAGE = "jhb-quorum";
  private static final Logger log = LoggerFactory.getLogger(PingQuorum.class);

  private final String me;
  private final List<String> clusterNodes;
  private final boolean active;
  private final Duration settle;
  private final Consumer<Message> out;
  private final Map<String, Boolean> pingUp = new HashMap<>();
  private final Map<String, Integer> peerReach = new HashMap<>();

  PingQuorum(HaCf cf, Consumer<Message> out) {
    this.me = cf.localNode();
    this.clusterNodes = cf.nodes().stream().sorted().toList();
    boolean wanted = SplitBrainPolicy.of(cf) == SplitBrainPolicy.PING_QUORUM;
    this.active = wanted && !cf.pingNodes().isEmpty();
    if (wanted && !active) {
      log.warn("split_brain_policy ping_quorum needs ping or ping_group nodes: without them it acts as settle_on_heal");
    }
    long ms = cf.timing().deadpingMs() - cf.timing().deadtimeMs() + 2 * cf.timing().keepaliveMs();
    this.settle = Duration.ofMillis(Math.max(2 * cf.timing().keepaliveMs(), ms));
    this.out = out;
    cf.pingNodes().forEach(p -> pingUp.put(p.name().toLowerCase(java.util.Locale.ROOT), false));
  }

  /** Whether the tie-breaker is in force (ping_quorum with at least one ping node). */
  boolean active() {
    return active;
  }

  /** How long after a peer's death the decision waits. */
  Duration settle() {
    return settle;
  }

  int reach() {
    return (int) pingUp.values().stream().filter(Boolean::booleanValue).count();
  }

  /**
   * A ping node's status changed; returns true when this node went from reaching none to
   * reaching some (decisions that waited for a ping node can be taken again).
   */
  boolean pingStatus(String pingNode, String status) {
    if (!pingUp.containsKey(pingNode)) {
      return false;
    }
    int before = reach();
    pingUp.put(pingNode, "ping".equals(status));
    int after = reach();
    if (active && after != before) {
      announce();
    }
    return before == 0 && after > 0;
  }

  /** Tells the peers how many ping nodes we reach (again: a peer just became active). */
  void announce() {
    if (active) {
      out.accept(ResourceMessages.pingReach(reach()));
    }
  }

  void onMessage(String src, String reach) {
    try {
      peerReach.put(src, Integer.parseInt(reach));
    } catch (NumberFormatException e) {
      log.warn("Ignoring {} from {}: bad pingreach [{}]", MESSAGE, src, reach);
    }
  }

  /** Whether this node may act on the death of {@code peer}; logs why not. */
  boolean mayAct(String peer) {
    if (!active || reach() > 0) {
      return true;
    }
    boolean peerBlind = clusterNodes.stream().filter(n -> !n.equals(me))
        .allMatch(n -> peerReach.getOrDefault(n, 1) == 0);
    if (peerBlind && clusterNodes.get(0).equals(me)) {
      log.warn("No ping node reachable here nor from {}: {} sorts first and acts (split_brain_policy ping_quorum)",
          peer, me);
      return true;
    }
    log.warn("No ping node reachable and {} may still reach one: standing down (split_brain_policy ping_quorum)",
        peer);
    return false;
  }

  /** What the status shows: the policy's view of this node. */
  String describe() {
    if (!active) {
      return "";
    }
    return "ping_quorum: reach " + reach() + "/" + pingUp.size();
  }
}
