package org.jheartbeat.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send half shared by the UDP media: a non-blocking {@link DatagramChannel}, so a full socket
 * buffer drops the packet (counted) instead of stalling the event loop; Heartbeat's write child
 * likewise never holds up the master. Errors are counted and logged rate-limited, never thrown.
 */
final class UdpSender {
  private static final Logger LOG = LoggerFactory.getLogger(UdpSender.class);

  private final String medium;
  private final DatagramChannel channel;
  private final InetSocketAddress target;
  private final Counters counters;

  UdpSender(String medium, DatagramChannel channel, InetSocketAddress target, Counters counters)
      throws IOException {
    this.medium = medium;
    this.channel = channel;
    this.target = target;
    this.counters = counters;
    channel.configureBlocking(false);
  }

  void send(byte[] packet) {
    try {
      int n = channel.send(ByteBuffer.wrap(packet), target);
      if (n == packet.length) {
        counters.sent(n);
      } else {
        counters.sendError(LOG, medium, "socket buffer full, packet to " + target + " dropped");
      }
    } catch (IOException | RuntimeException e) {
      counters.sendError(LOG, medium, "to " + target + ": " + e);
    }
  }

  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("{}: closing send socket: {}", medium, e.toString());
    }
  }
}
