package org.jheartbeat.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Objects;
import org.jheartbeat.config.MediumSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ucast IFACE PEER} (spec wire §5.2): the peer is resolved once at open; packets go to
 * {@code peer:port} from a socket bound to the interface's IPv4 address (ephemeral port; this
 * replaces {@code SO_BINDTODEVICE}) with {@code IP_TOS 0x10} (IPTOS_LOWDELAY) as Heartbeat sets.
 * Receiving goes through the port's shared {@link UdpReceivers} socket on {@code 0.0.0.0:port}:
 * several ucast lines on one port (the usual identical ha.cf listing every node, ourselves
 * included) share it, and a datagram from the configured peer is attributed to this medium.
 * Tests running two nodes on 127.0.0.1 use the constructor with distinct listen and peer ports.
 */
public final class UcastMedium extends UdpMedium {
  private static final Logger LOG = LoggerFactory.getLogger(UcastMedium.class);
  /** IPTOS_LOWDELAY, as Heartbeat's ucast plugin sets on its send socket [CAP cap15]. */
  public static final int IPTOS_LOWDELAY = 0x10;

  private final String iface;
  private final String peer;
  private final int listenPort;
  private final int peerPort;
  private final UdpReceivers receivers;

  /** The medium of one ha.cf ucast line: listens on and sends to {@code spec.port()}. */
  public UcastMedium(MediumSpec.Ucast spec, UdpReceivers receivers) {
    this(spec.iface(), spec.peer(), spec.port(), spec.port(), receivers);
  }

  /** As above with distinct ports: receive on {@code listenPort}, send to {@code peer:peerPort}. */
  public UcastMedium(String iface, String peer, int listenPort, int peerPort, UdpReceivers receivers) {
    super(LOG);
    this.iface = Objects.requireNonNull(iface);
    this.peer = Objects.requireNonNull(peer);
    this.listenPort = listenPort;
    this.peerPort = peerPort;
    this.receivers = Objects.requireNonNull(receivers);
  }

  @Override
  public String name() {
    return iface;
  }

  @Override
  public String type() {
    return "ucast";
  }

  @Override
  Sockets openSockets(PacketSink sink) throws IOException {
    NetworkInterface nif = Interfaces.require("ucast", iface);
    InterfaceAddress local = Interfaces.requireIpv4("ucast", nif);
    List<InterfaceAddress> subnets = Interfaces.ipv4All(nif);
    InetAddress peerAddr;
    try {
      peerAddr = InetAddress.getByName(peer);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("ucast " + iface + ": cannot resolve peer " + peer, e);
    }
    DatagramChannel ch = null;
    try {
      ch = DatagramChannel.open(StandardProtocolFamily.INET);
      ch.setOption(StandardSocketOptions.IP_TOS, IPTOS_LOWDELAY);
      // Sent from the interface's address, or from the receive address when one is set
      // (several nodes on one host: the peer then sees each node's own address).
      InetAddress from = receivers.bindAddress() != null ? receivers.bindAddress() : local.getAddress();
      ch.bind(new InetSocketAddress(from, 0));
      UdpSender s = new UdpSender(iface, ch, new InetSocketAddress(peerAddr, peerPort), counters);
      return new Sockets(s, receivers.register(listenPort, new UdpReceivers.Route(
          iface, sink, counters, peerAddr::equals, a -> Interfaces.onLink(subnets, a))));
    } catch (IOException | RuntimeException e) {
      closeQuietly(ch);
      throw e;
    }
  }

  @Override
  void logStarted(Logger log) {
    log.info("glib: ucast: started on port {} interface {} to {}", listenPort, iface, peer);
  }
}
