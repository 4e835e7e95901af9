package org.jheartbeat.membership;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The counters of the messaging layer, one per event that is also logged or that an operator
 * asks about (HOUSE-STYLE habit 9): status heartbeats sent and received, late heartbeats
 * ("Late heartbeat"), lost packets ("N lost packet(s) for"), retransmission requests sent,
 * packets retransmitted for peers, packets lost for good ("Irretrievably lost packet") and
 * stalls of this node ("Local node stalled").
 * Registered once per registry: building it twice on the same registry (a restart after SIGHUP)
 * returns the same meters, so the totals carry on.
 */
public final class MembershipMetrics {
  final Counter heartbeatsSent;
  final Counter heartbeatsReceived;
  final Counter lateHeartbeats;
  final Counter lostPackets;
  final Counter rexmitRequests;
  final Counter retransmitted;
  final Counter irretrievable;
  final Counter selfStalls;

  public MembershipMetrics(MeterRegistry registry) {
    heartbeatsSent = counter(registry, "heartbeat.heartbeats.sent", "status heartbeats sent by this node");
    heartbeatsReceived = counter(registry, "heartbeat.heartbeats.received", "status heartbeats received from peers");
    lateHeartbeats = counter(registry, "heartbeat.heartbeats.late", "heartbeats that arrived later than warntime");
    lostPackets = counter(registry, "heartbeat.packets.lost", "gaps in peers' sequence numbers (lost packets)");
    rexmitRequests = counter(registry, "heartbeat.packets.rexmit.requested", "retransmission requests sent");
    retransmitted = counter(registry, "heartbeat.packets.retransmitted", "packets retransmitted at a peer's request");
    irretrievable = counter(registry, "heartbeat.packets.irretrievable", "packets a peer could not retransmit");
    selfStalls = counter(registry, "heartbeat.loop.stalls", "times this node found itself stalled and did not judge peers on it");
  }

  private static Counter counter(MeterRegistry registry, String name, String help) {
    return Counter.builder(name).description(help).register(registry);
  }
}
