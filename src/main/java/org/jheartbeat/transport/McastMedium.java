package org.jheartbeat.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import org.jheartbeat.config.MediumSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mcast IFACE GROUP PORT TTL LOOP} (spec wire §5.3): the receive socket is bound to
 * {@code group:port} with {@code SO_REUSEADDR} (so it only sees that group's datagrams and several
 * mcast media can coexist) and joined to the group on the interface; the send socket sets
 * {@code IP_MULTICAST_IF} = the interface, {@code IP_MULTICAST_TTL} = ttl and
 * {@code IP_MULTICAST_LOOP} = loop, and sends to {@code group:port}. With loop 0 the node never
 * hears itself, so its own link on this medium stays dead, as with Heartbeat [CAP cap16].
 * One daemon receive thread {@code hb-rx-IFACE} per medium.
 */
public final class McastMedium extends UdpMedium {
  private static final Logger LOG = LoggerFactory.getLogger(McastMedium.class);

  private final MediumSpec.Mcast spec;

  public McastMedium(MediumSpec.Mcast spec) {
    super(LOG);
    this.spec = Objects.requireNonNull(spec);
  }

  @Override
  public String name() {
    return spec.iface();
  }

  @Override
  public String type() {
    return "mcast";
  }

  @Override
  Sockets openSockets(PacketSink sink) throws IOException {
    NetworkInterface nif = Interfaces.require("mcast", spec.iface());
    InetAddress group;
    try {
      group = InetAddress.getByName(spec.group());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("mcast " + name() + ": bad group " + spec.group(), e);
    }
    if (!group.isMulticastAddress()) {
      throw new IllegalStateException("mcast " + name() + ": " + spec.group() + " is not a multicast group");
    }
    DatagramChannel in = null;
    DatagramChannel out = null;
    try {
      in = DatagramChannel.open(StandardProtocolFamily.INET);
      in.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      in.bind(new InetSocketAddress(group, spec.port()));
      in.join(group, nif);
      out = DatagramChannel.open(StandardProtocolFamily.INET);
      out.setOption(StandardSocketOptions.IP_MULTICAST_IF, nif);
      out.setOption(StandardSocketOptions.IP_MULTICAST_TTL, spec.ttl());
      out.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, spec.loop());
      UdpSender s = new UdpSender(name(), out, new InetSocketAddress(group, spec.port()), counters);
      DatagramChannel rx = in;
      Thread thread = new Thread(() -> receiveLoop(rx, sink), "hb-rx-" + name());
      thread.setDaemon(true);
      thread.start();
      return new Sockets(s, () -> {
        rx.close();
        thread.join(1_000);
      });
    } catch (IOException e) {
      closeQuietly(in);
      closeQuietly(out);
      throw new IOException("group " + spec.group() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(in);
      closeQuietly(out);
      throw e;
    }
  }

  @Override
  void logStarted(Logger log) {
    log.info("glib: UDP multicast heartbeat started for group {} port {} interface {} (ttl={} loop={})",
        spec.group(), spec.port(), spec.iface(), spec.ttl(), spec.loop() ? 1 : 0);
  }

  private void receiveLoop(DatagramChannel ch, PacketSink sink) {
    ByteBuffer buf = ByteBuffer.allocate(UdpReceivers.MAX_DATAGRAM);
    UdpReceivers.Route route = new UdpReceivers.Route(name(), sink, counters, a -> true, a -> true);
    while (ch.isOpen()) {
      buf.clear();
      SocketAddress from;
      try {
        from = ch.receive(buf);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        counters.receiveError(LOG, name(), e.toString());
        continue;
      }
      long now = System.nanoTime();
      buf.flip();
      byte[] data = new byte[buf.remaining()];
      buf.get(data);
      counters.received(data.length);
      UdpReceivers.deliver(route, new Packet(data, name(), (InetSocketAddress) from, now));
    }
  }
}
