package org.jheartbeat.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Objects;
import org.jheartbeat.config.MediumSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bcast IFACE} (spec wire §5.1): sends each packet with {@code SO_BROADCAST} from an
 * unbound socket to the interface's IPv4 broadcast address (read once at open, as Heartbeat reads
 * {@code SIOCGIFBRDADDR}) and port {@code udpport}; receives on {@code 0.0.0.0:udpport} through
 * the port's shared {@link UdpReceivers} socket. The JDK has no {@code SO_BINDTODEVICE} (nor
 * {@code SO_DONTROUTE}), so, like Heartbeat's balabit build, the receive side hears port-694
 * broadcasts from every interface; a packet is attributed to this medium when its source is on
 * this interface's subnet (else to the first medium of the port), and the HMAC is the real guard.
 * Linux loops our own broadcast back to us: that copy arrives here too (it refreshes our own link).
 * An interface without a broadcast address (added without {@code brd +}, NAMESPACE-NOTES) is
 * refused at open: Heartbeat would send to 0.0.0.0 and the nodes would never hear each other.
 */
public final class BcastMedium extends UdpMedium {
  private static final Logger LOG = LoggerFactory.getLogger(BcastMedium.class);

  private final MediumSpec.Bcast spec;
  private final UdpReceivers receivers;

  /** A medium that shares receive sockets through {@code receivers} (one instance per daemon). */
  public BcastMedium(MediumSpec.Bcast spec, UdpReceivers receivers) {
    super(LOG);
    this.spec = Objects.requireNonNull(spec);
    this.receivers = Objects.requireNonNull(receivers);
  }

  @Override
  public String name() {
    return spec.iface();
  }

  @Override
  public String type() {
    return "bcast";
  }

  @Override
  Sockets openSockets(PacketSink sink) throws IOException {
    NetworkInterface nif = Interfaces.require("bcast", spec.iface());
    List<InterfaceAddress> subnets = Interfaces.ipv4All(nif);
    InetAddress broadcast = subnets.stream().map(InterfaceAddress::getBroadcast)
        .filter(Objects::nonNull).filter(b -> !b.isAnyLocalAddress()).findFirst()
        .orElseThrow(() -> new IllegalStateException("bcast " + spec.iface() + ": interface "
            + spec.iface() + " has no IPv4 broadcast address (add its address with 'brd +')"));
    DatagramChannel ch = null;
    try {
      ch = DatagramChannel.open(StandardProtocolFamily.INET);
      ch.setOption(StandardSocketOptions.SO_BROADCAST, true);
      ch.setOption(StandardSocketOptions.IP_TOS, 0);
      UdpSender s = new UdpSender(name(), ch, new InetSocketAddress(broadcast, spec.port()), counters);
      return new Sockets(s, receivers.register(spec.port(), new UdpReceivers.Route(
          name(), sink, counters, a -> false, a -> Interfaces.onLink(subnets, a))));
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  @Override
  void logStarted(Logger log) {
    log.info("glib: UDP Broadcast heartbeat started on port {} ({}) interface {}",
        spec.port(), spec.port(), spec.iface());
  }
}
