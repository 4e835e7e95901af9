package org.jheartbeat.membership;

import java.util.concurrent.TimeUnit;
import org.jheartbeat.config.Timing;
import org.jheartbeat.platform.logging.HbMarkers;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness of peers (spec membership §1.4, §2): only {@code status} messages (and {@code NS_st}
 * ping replies for ping nodes) refresh it. On receipt of a status, an interval since the previous
 * one above warntime logs {@code WARN: Late heartbeat: Node X: interval N ms}; above the local
 * deadtime {@code CRIT: Late heartbeat: Node X: interval N ms (> deadtime)} and the node is
 * declared dead and at once revived by this very message. The peer's {@code dt} (HEX ms) becomes
 * its dead time, and a changed {@code st} logs {@code Status update for node X: status Y}. The
 * periodic {@link #check} (every 250 ms, as Heartbeat polls, and also right when a peer falls
 * due: {@link #nanosUntilFirstOverdue}) declares a node dead
 * ({@code WARN: node X: is dead}) when no status arrived within its dead time — initdead before
 * comm up, measured from start or its last status. A status older in both {@code seq} and
 * {@code ts} than the last one seen (a late retransmission) is ignored (spec wire §7.6). The
 * local node is not judged here.
 */
final class FailureDetector {
  private static final Logger log = LoggerFactory.getLogger(FailureDetector.class);

  private final NodeTable table;
  private final Timing timing;
  private final String localName;
  private final Clock clock;
  private final MembershipListener listener;
  private final MembershipMetrics metrics;
  private long largestLateMs;

  FailureDetector(NodeTable table, Timing timing, String localName, Clock clock,
      MembershipListener listener, MembershipMetrics metrics) {
    this.metrics = metrics;
    this.table = table;
    this.timing = timing;
    this.localName = localName;
    this.clock = clock;
    this.listener = listener;
  }

  /** Daemon start: every entry is timed from now. */
  void started() {
    long now = clock.nanoTime();
    for (NodeTable.Node n : table.nodes()) {
      n.lastStatusNanos = now;
    }
  }

  /** A node (re)entered the table or restarted: its previous timestamps mean nothing. */
  void resetTimestamps(NodeTable.Node n) {
    n.lastStatusNanos = clock.nanoTime();
    n.heardStatus = false;
    n.lastStatusSeq = 0;
    n.lastStatusTs = 0;
  }

  /** This node stalled: every peer's last status counts as heard now (see {@link StallWatch}). */
  void forgetSilence() {
    long now = clock.nanoTime();
    for (NodeTable.Node n : table.nodes()) {
      n.lastStatusNanos = now;
    }
  }

  long largestLateMs() {
    return largestLateMs;
  }

  /** A status message from {@code n} with sequence number {@code seq}. */
  void onStatus(NodeTable.Node n, Message m, long seq) {
    long now = clock.nanoTime();
    if (n.name().equals(localName)) {
      n.lastStatusNanos = now;
      n.heardStatus = true;
      n.lastStatusSeq = seq;
      return;
    }
    long ts = parseHex(m.get("ts").orElse("0"));
    if (n.heardStatus && seq < n.lastStatusSeq && ts < n.lastStatusTs) {
      log.debug("ignoring older status from {} seq {}", n.name(), seq); // spec wire §7.6
      return;
    }
    metrics.heartbeatsReceived.increment();
    if (n.heardStatus) {
      // Also across a death: the gap that made a fast deadtime fire is the one worth seeing.
      metrics.heartbeatGap(n.name(), TimeUnit.NANOSECONDS.toMillis(now - n.lastStatusNanos));
    }
    if (n.heardStatus && n.status != NodeStatus.DEAD) {
      long interval = TimeUnit.NANOSECONDS.toMillis(now - n.lastStatusNanos);
      if (interval > timing.warntimeMs()) {
        metrics.lateHeartbeats.increment();
        largestLateMs = Math.max(largestLateMs, interval);
        if (interval > timing.deadtimeMs()) {
          log.error(HbMarkers.CRIT, "Late heartbeat: Node {}: interval {} ms (> deadtime)",
              n.name(), interval);
          declareDead(n);
        } else {
          log.warn("Late heartbeat: Node {}: interval {} ms", n.name(), interval);
        }
      }
    }
    m.get("dt").ifPresent(dt -> {
      try {
        long v = Long.parseLong(dt, 16);
        if (v > 0) {
          n.deadTimeMs = v;
        }
      } catch (NumberFormatException e) {
        log.debug("ignoring bad dt [{}] from {}", dt, n.name());
      }
    });
    n.lastStatusNanos = now;
    n.heardStatus = true;
    n.lastStatusSeq = seq;
    n.lastStatusTs = ts;
    m.get("st").flatMap(NodeStatus::fromText).ifPresent(st -> update(n, st));
  }

  /** An {@code NS_st} echo reply for ping node {@code n}. */
  void onPingReply(NodeTable.Node n) {
    n.lastStatusNanos = clock.nanoTime();
    n.heardStatus = true;
    update(n, NodeStatus.PING);
  }

  private static long parseHex(String s) {
    try {
      return Long.parseUnsignedLong(s, 16);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Nanoseconds from now until the first peer still alive would be overdue (a {@link #check} then
   * declares it dead), at least 0; {@link Long#MAX_VALUE} when no peer is left to judge. Lets the
   * caller check at that very moment instead of on its next periodic tick.
   */
  long nanosUntilFirstOverdue(boolean commUp) {
    long now = clock.nanoTime();
    long first = Long.MAX_VALUE;
    for (NodeTable.Node n : table.nodes()) {
      if (n.name().equals(localName) || n.status == NodeStatus.DEAD) {
        continue;
      }
      long limitNanos = TimeUnit.MILLISECONDS.toNanos(commUp ? n.deadTimeMs : timing.initdeadMs());
      first = Math.min(first, Math.max(0, n.lastStatusNanos + limitNanos - now));
    }
    return first;
  }

  /** Declares overdue nodes dead; true if any did. */
  boolean check(boolean commUp) {
    long now = clock.nanoTime();
    boolean changed = false;
    for (NodeTable.Node n : table.nodes()) {
      if (n.name().equals(localName) || n.status == NodeStatus.DEAD) {
        continue;
      }
      long limitMs = commUp ? n.deadTimeMs : timing.initdeadMs();
      if (now - n.lastStatusNanos > TimeUnit.MILLISECONDS.toNanos(limitMs)) {
        declareDead(n);
        changed = true;
      }
    }
    return changed;
  }

  void declareDead(NodeTable.Node n) {
    log.warn("node {}: is dead", n.name());
    NodeStatus old = n.status;
    n.status = NodeStatus.DEAD;
    listener.nodeStatusChanged(n.name(), old, NodeStatus.DEAD);
  }

  private void update(NodeTable.Node n, NodeStatus st) {
    if (n.status == st) {
      return;
    }
    NodeStatus old = n.status;
    n.status = st;
    log.info("Status update for node {}: status {}", n.name(), st.text());
    listener.nodeStatusChanged(n.name(), old, st);
  }
}
