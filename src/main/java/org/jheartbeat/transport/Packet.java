package org.jheartbeat.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One datagram as a medium received it: opaque bytes (decoding and authentication happen in
 * {@code wire}), the link name it arrived on (spec wire §5: link status is per node and medium
 * name) and the sender's address. For ping media the source port is 0 and {@code medium} is the
 * ping node name.
 *
 * @param data the packet bytes (the medium hands over its own copy)
 * @param medium the link name: interface for bcast/ucast/mcast, host or group name for ping
 * @param source the sender's address; unresolved (host string = node name) in the in-memory network
 * @param receivedNanos monotonic receive time ({@link System#nanoTime()} or the simulated tick)
 */
public record Packet(byte[] data, String medium, InetSocketAddress source, long receivedNanos) {
  public Packet {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(medium, "medium");
  }

  @Override
  public String toString() {
    return "Packet[" + data.length + " bytes on " + medium + " from " + source + "]";
  }
}
