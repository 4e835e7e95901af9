package org.jheartbeat.membership;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The counters of the messaging layer, one per event that is also logged or that an operator
 * asks about (HOUSE-STYLE habit 9): status heartbeats sent and received, late heartbeats
 * ("Late heartbeat"), lost packets ("N lost packet(s) for"), retransmission requests sent and put off (budget spent),
 * packets retransmitted for peers and not retransmitted (budget spent), packets lost for good ("Irretrievably lost packet"), stalls
 * of this node ("Local node stalled"); and
 * per peer the largest interval seen between two of its status heartbeats
 * ({@code heartbeat_heartbeat_gap_max_seconds{node}}), which tells how close a fast deadtime
 * came to a false death even when no "Late heartbeat" was logged. The gap is kept in an atomic
 * because scrapes read it from HTTP threads while the loop writes it.
 * Registered once per registry: building it twice on the same registry (a restart after SIGHUP)
 * returns the same counters, so the totals carry on; the gap gauges are handed over (see
 * {@link #heartbeatGap}).
 */
public final class MembershipMetrics {
  private static final String GAP_MAX = "heartbeat.heartbeat.gap.max";
  final Counter heartbeatsSent;
  final Counter heartbeatsReceived;
  final Counter lateHeartbeats;
  final Counter lostPackets;
  final Counter rexmitRequests;
  final Counter rexmitDeferred;
  final Counter retransmitted;
  final Counter retransmitsDeferred;
  final Counter irretrievable;
  final Counter selfStalls;
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> largestGapMs = new ConcurrentHashMap<>();

  public MembershipMetrics(MeterRegistry registry) {
    this.registry = registry;
    heartbeatsSent = counter(registry, "heartbeat.heartbeats.sent", "status heartbeats sent by this node");
    heartbeatsReceived = counter(registry, "heartbeat.heartbeats.received", "status heartbeats received from peers");
    lateHeartbeats = counter(registry, "heartbeat.heartbeats.late", "heartbeats that arrived later than warntime");
    lostPackets = counter(registry, "heartbeat.packets.lost", "gaps in peers' sequence numbers (lost packets)");
    rexmitRequests = counter(registry, "heartbeat.packets.rexmit.requested", "retransmission requests sent");
    rexmitDeferred = counter(registry, "heartbeat.packets.rexmit.deferred",
        "retransmission requests put off because this node's request budget was spent");
    retransmitsDeferred = counter(registry, "heartbeat.packets.retransmit.deferred",
        "requested retransmissions not sent because this node's retransmission budget was spent");
    retransmitted = counter(registry, "heartbeat.packets.retransmitted", "packets retransmitted at a peer's request");
    irretrievable = counter(registry, "heartbeat.packets.irretrievable", "packets a peer could not retransmit");
    selfStalls = counter(registry, "heartbeat.loop.stalls", "times this node found itself stalled and did not judge peers on it");
  }

  /** A status heartbeat from {@code node} came {@code intervalMs} after its previous one. */
  void heartbeatGap(String node, long intervalMs) {
    largestGapMs.computeIfAbsent(node, this::registerGap).accumulateAndGet(intervalMs, Math::max);
  }

  /**
   * A gauge reads the object it was registered with, and registering the same name and tags again
   * returns the first gauge: after a restart (new metrics, same registry) it would show the old
   * node's value for ever. So a gauge left by an earlier instance is replaced, its value carried on.
   */
  private AtomicLong registerGap(String node) {
    AtomicLong v = new AtomicLong();
    TimeGauge earlier = registry.find(GAP_MAX).tag("node", node).timeGauge();
    if (earlier != null) {
      v.set((long) earlier.value(TimeUnit.MILLISECONDS));
      registry.remove(earlier);
    }
    TimeGauge.builder(GAP_MAX, v, TimeUnit.MILLISECONDS, AtomicLong::get)
        .description("largest interval between two status heartbeats of the node since start")
        .tag("node", node).strongReference(true).register(registry);
    return v;
  }

  private static Counter counter(MeterRegistry registry, String name, String help) {
    return Counter.builder(name).description(help).register(registry);
  }
}
