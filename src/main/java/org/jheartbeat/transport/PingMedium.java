package org.jheartbeat.transport;

import com.sun.jna.LastErrorException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jheartbeat.config.PingNode;
import org.jheartbeat.runtime.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ping HOST} and {@code ping_group NAME HOST...} (spec wire §5.5, §5.6): each
 * {@link #send} becomes one ICMP echo request per host (ping_group: the same request to every
 * host in turn) whose data is the packet bytes; the caller only hands us the NS_st packets it
 * built from status messages. Identifier = low 16 bits of the PID in host byte order, sequence =
 * this medium's counter from 0. The receive thread ({@code hb-rx-NAME}) reads the raw socket
 * (which sees every ICMP datagram of the host), keeps echo replies with our identifier whose
 * source is one of our hosts (for a plain ping too: several ping media share the identifier), and
 * for ping_group drops sequence numbers already seen within the last 128 ({@link SeqWindow}); the
 * echoed data goes to the sink with the ping node's name as the medium name. Needs root.
 */
public final class PingMedium implements Medium {
  private static final Logger LOG = LoggerFactory.getLogger(PingMedium.class);
  static final int RECEIVE_TIMEOUT_MILLIS = 200;
  /** The message open() fails with when the raw socket is refused. */
  public static final String NEED_ROOT =
      "ping nodes need root (raw ICMP socket): run the daemon as root or remove the ping lines";

  private final PingNode node;
  private final int identifier;
  private final Counters counters = new Counters(Clock.SYSTEM);
  private final AtomicInteger sequence = new AtomicInteger();
  private final SeqWindow window = new SeqWindow();
  private volatile List<Inet4Address> hosts = List.of();
  private volatile RawIcmpSocket socket;
  private volatile boolean running;
  private Thread thread;

  /** A medium identified by this process's PID, as Heartbeat uses the PID of the process that parsed ha.cf. */
  public PingMedium(PingNode node) {
    this(node, ProcessHandle.current().pid());
  }

  public PingMedium(PingNode node, long pid) {
    this.node = Objects.requireNonNull(node);
    this.identifier = Icmp.identifierFor(pid);
  }

  @Override
  public String name() {
    return node.name();
  }

  @Override
  public String type() {
    return node.group() ? "ping_group" : "ping";
  }

  /** The ICMP identifier (low 16 bits of the PID). */
  public int identifier() {
    return identifier;
  }

  @Override
  public synchronized void open(PacketSink sink) {
    if (socket != null) {
      throw new IllegalStateException(type() + " " + name() + " already open");
    }
    hosts = resolve(node);
    RawIcmpSocket s;
    try {
      s = RawIcmpSocket.open(RECEIVE_TIMEOUT_MILLIS);
    } catch (RawIcmpSocket.NotPermitted e) {
      throw new IllegalStateException(NEED_ROOT + " [" + type() + " " + name() + ": " + e.getMessage() + "]", e);
    } catch (UnsatisfiedLinkError e) {
      throw new IllegalStateException(type() + " " + name() + ": cannot load libc through JNA: " + e.getMessage(), e);
    }
    socket = s;
    running = true;
    thread = new Thread(() -> receiveLoop(s, sink), "hb-rx-" + name());
    thread.setDaemon(true);
    thread.start();
    LOG.info(node.group() ? "glib: ping group heartbeat started." : "glib: ping heartbeat started.");
  }

  private static List<Inet4Address> resolve(PingNode node) {
    List<Inet4Address> out = new ArrayList<>();
    for (String h : node.hosts()) {
      try {
        InetAddress a = InetAddress.getByName(h);
        if (!(a instanceof Inet4Address v4)) {
          throw new IllegalStateException("ping " + node.name() + ": " + h + " is not an IPv4 host (use ping6)");
        }
        out.add(v4);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("ping " + node.name() + ": cannot resolve " + h, e);
      }
    }
    return List.copyOf(out);
  }

  private void receiveLoop(RawIcmpSocket s, PacketSink sink) {
    byte[] buf = new byte[UdpReceivers.MAX_DATAGRAM];
    InetAddress[] from = new InetAddress[1];
    UdpReceivers.Route route = new UdpReceivers.Route(name(), sink, counters, a -> true, a -> true);
    while (running) {
      int n;
      try {
        n = s.receive(buf, from);
      } catch (LastErrorException e) {
        counters.receiveError(LOG, name(), e.getMessage());
        continue;
      }
      if (n < 0) {
        continue;
      }
      accept(buf, n, from[0], System.nanoTime())
          .ifPresent(p -> UdpReceivers.deliver(route, p));
    }
  }

  /**
   * The receive filter, without a socket: the packet to hand on if {@code raw} (IP + ICMP) is an
   * echo reply for us from one of our hosts (and, for a group, a sequence not seen yet).
   */
  Optional<Packet> accept(byte[] raw, int len, InetAddress from, long nowNanos) {
    if (!hosts.contains(from)) {
      return Optional.empty();
    }
    Optional<Icmp.EchoReply> reply = Icmp.parseReply(raw, len, identifier);
    if (reply.isEmpty()) {
      return Optional.empty();
    }
    if (node.group() && !window.firstTime(reply.get().sequence())) {
      counters.rejected();
      return Optional.empty();
    }
    byte[] data = reply.get().data();
    counters.received(data.length);
    return Optional.of(new Packet(data, name(), new InetSocketAddress(from, 0), nowNanos));
  }

  /** For tests of {@link #accept}: the hosts as if resolved by open. */
  void hostsForTest(List<Inet4Address> resolved) {
    hosts = List.copyOf(resolved);
  }

  @Override
  public void send(byte[] packet) {
    RawIcmpSocket s = socket;
    if (s == null) {
      counters.sendError(LOG, name(), "medium not open");
      return;
    }
    byte[] icmp = Icmp.echoRequest(identifier, sequence.getAndIncrement() & 0xffff, packet);
    for (Inet4Address h : hosts) {
      try {
        s.send(icmp, h);
        counters.sent(packet.length);
      } catch (LastErrorException | IllegalStateException e) {
        counters.sendError(LOG, name(), "echo request to " + h.getHostAddress() + ": " + e.getMessage());
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      try {
        thread.join(RECEIVE_TIMEOUT_MILLIS * 5L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      thread = null;
    }
    RawIcmpSocket s = socket;
    socket = null;
    if (s != null) {
      s.close();
    }
  }

  @Override
  public MediumStats stats() {
    return counters.snapshot();
  }
}
