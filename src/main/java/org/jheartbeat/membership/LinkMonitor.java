package org.jheartbeat.membership;

import java.util.concurrent.TimeUnit;
import org.jheartbeat.config.Timing;
import org.jheartbeat.runtime.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link status per (node, medium) (spec membership §1.3): any authenticated packet from a node on
 * a medium, duplicates included, brings that link up ({@code Link X:M up.}); the periodic
 * {@link #check} marks it dead ({@code Link X:M dead.}) when nothing arrived on it within the
 * dead time. Heartbeat's quirk is kept on purpose: every link is judged with the dead time of the
 * <em>last</em> entry of the node table (a ping node's deadping, or a normal node's advertised
 * {@code dt}), and with initdead before comm up. Ping nodes have one link named after themselves.
 */
final class LinkMonitor {
  private static final Logger log = LoggerFactory.getLogger(LinkMonitor.class);

  private final NodeTable table;
  private final Timing timing;
  private final Clock clock;
  private final MembershipListener listener;

  LinkMonitor(NodeTable table, Timing timing, Clock clock, MembershipListener listener) {
    this.table = table;
    this.timing = timing;
    this.clock = clock;
    this.listener = listener;
  }

  /** A packet from {@code n} arrived on {@code linkName}; unknown link names are ignored. */
  void heard(NodeTable.Node n, String linkName) {
    NodeTable.Link link = n.links.get(linkName);
    if (link == null) {
      log.debug("packet from {} on unknown link {}", n.name(), linkName);
      return;
    }
    link.lastHeardNanos = clock.nanoTime();
    if (link.status != LinkStatus.UP) {
      link.status = LinkStatus.UP;
      log.info("Link {}:{} up.", n.name(), link.name());
      listener.linkStatusChanged(n.name(), link.name(), LinkStatus.UP);
    }
  }

  /** The dead time every link is judged with (the last-entry quirk). */
  long linkDeadTimeMs(boolean commUp) {
    return commUp ? table.last().deadTimeMs : timing.initdeadMs();
  }

  /** This node stalled: links that were up restart their dead timers from now. */
  void forgetSilence() {
    long now = clock.nanoTime();
    for (NodeTable.Node n : table.nodes()) {
      for (NodeTable.Link link : n.links.values()) {
        link.lastHeardNanos = now;
      }
    }
  }

  void check(boolean commUp) {
    long now = clock.nanoTime();
    long limit = TimeUnit.MILLISECONDS.toNanos(linkDeadTimeMs(commUp));
    for (NodeTable.Node n : table.nodes()) {
      for (NodeTable.Link link : n.links.values()) {
        if (link.status == LinkStatus.UP && now - link.lastHeardNanos > limit) {
          link.status = LinkStatus.DEAD;
          log.info("Link {}:{} dead.", n.name(), link.name());
          listener.linkStatusChanged(n.name(), link.name(), LinkStatus.DEAD);
        }
      }
    }
  }
}
