package org.jheartbeat.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wildcard UDP receive sockets of the bcast and ucast media, <b>one per port shared by every
 * medium on that port</b> (spec wire §5.1, §5.2: Heartbeat's read sockets bind
 * {@code INADDR_ANY:udpport} with {@code SO_REUSEADDR}/{@code SO_REUSEPORT}). Heartbeat tells its
 * read sockets apart with {@code SO_BINDTODEVICE}, which the JDK cannot set (LIBRARIES.md); with
 * one socket per medium Linux would hand each unicast datagram to just one of them (chosen by
 * hash) and each broadcast to all of them. So this class owns one socket and one daemon thread
 * per port and attributes each datagram to exactly one medium: first a medium that
 * {@linkplain Route#expects expects} that source (the ucast peer), else a medium whose interface
 * subnet {@linkplain Route#onLink contains} it, else the medium registered first. The attribution
 * only chooses which link's status a packet refreshes; authentication in {@code wire} is the
 * guard against foreign packets. Give every medium of one daemon the same instance.
 */
public final class UdpReceivers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UdpReceivers.class);
  /** Larger than any IPv4 UDP payload; spec wire §8 caps packets at 262 143 bytes anyway. */
  static final int MAX_DATAGRAM = 65_536;

  private final InetAddress bindAddress;
  private final Runnable threadStart;
  private final Map<Integer, PortReceiver> receivers = new HashMap<>();

  /** Receivers on the wildcard address, as Heartbeat binds them. */
  public UdpReceivers() {
    this(null);
  }

  /** Receivers on one address (tests use 127.0.0.1); {@code null} means the wildcard address. */
  public UdpReceivers(InetAddress bindAddress) {
    this(bindAddress, () -> { });
  }

  /**
   * As above; each receive thread runs {@code threadStart} first (the daemon raises it to its
   * realtime priority, so that a loaded machine does not delay heartbeats on their way in).
   */
  public UdpReceivers(InetAddress bindAddress, Runnable threadStart) {
    this.bindAddress = bindAddress;
    this.threadStart = threadStart;
  }

  /** The address the sockets bind, or null for the wildcard address. */
  InetAddress bindAddress() {
    return bindAddress;
  }

  /**
   * One medium's claim on a port.
   *
   * @param medium link name handed to the sink
   * @param expects sources this medium was configured for (the ucast peer)
   * @param onLink sources on this medium's interface subnet
   */
  record Route(String medium, PacketSink sink, Counters counters,
      Predicate<InetAddress> expects, Predicate<InetAddress> onLink) {}

  /** Registers a route, opening the port's socket and thread on first use. Closing the handle unregisters it. */
  synchronized AutoCloseable register(int port, Route route) {
    PortReceiver r = receivers.get(port);
    if (r == null) {
      r = new PortReceiver(port);
      receivers.put(port, r);
    }
    r.add(route);
    PortReceiver owner = r;
    return () -> unregister(port, owner, route);
  }

  private synchronized void unregister(int port, PortReceiver r, Route route) {
    if (r.remove(route) && receivers.get(port) == r) {
      receivers.remove(port);
    }
  }

  /** Closes every socket (normally already done by the media's close). */
  @Override
  public synchronized void close() {
    receivers.values().forEach(PortReceiver::stop);
    receivers.clear();
  }

  private final class PortReceiver implements Runnable {
    private final int port;
    private final DatagramChannel channel;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Thread thread;

    PortReceiver(int port) {
      this.port = port;
      try {
        channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        if (channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
          channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        channel.bind(bindAddress == null ? new InetSocketAddress(port) : new InetSocketAddress(bindAddress, port));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot bind UDP receive socket on port " + port + ": " + e.getMessage(), e);
      }
      thread = new Thread(this, "hb-rx-udp-" + port);
      thread.setDaemon(true);
    }

    void add(Route route) {
      routes.add(route);
      List<String> names = new ArrayList<>();
      routes.forEach(r -> names.add(r.medium()));
      thread.setName("hb-rx-" + String.join(",", names));
      if (thread.getState() == Thread.State.NEW) {
        thread.start();
      }
    }

    /** Returns true when this was the last route and the receiver stopped. */
    boolean remove(Route route) {
      routes.remove(route);
      if (routes.isEmpty()) {
        stop();
        return true;
      }
      return false;
    }

    void stop() {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing UDP port {}: {}", port, e.toString());
      }
      try {
        thread.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void run() {
      threadStart.run();
      ByteBuffer buf = ByteBuffer.allocate(MAX_DATAGRAM);
      while (channel.isOpen()) {
        SocketAddress from;
        buf.clear();
        try {
          from = channel.receive(buf);
        } catch (ClosedChannelException e) {
          return;
        } catch (IOException e) {
          routes.stream().findFirst().ifPresent(r -> r.counters().receiveError(LOG, r.medium(), e.toString()));
          continue;
        }
        long now = System.nanoTime();
        buf.flip();
        byte[] data = new byte[buf.remaining()];
        buf.get(data);
        InetSocketAddress src = (InetSocketAddress) from;
        Route route = choose(src.getAddress());
        if (route != null) {
          route.counters().received(data.length);
          deliver(route, new Packet(data, route.medium(), src, now));
        }
      }
    }

    private Route choose(InetAddress src) {
      Route first = null;
      Route link = null;
      for (Route r : routes) {
        if (first == null) {
          first = r;
        }
        if (r.expects().test(src)) {
          return r;
        }
        if (link == null && r.onLink().test(src)) {
          link = r;
        }
      }
      return link != null ? link : first;
    }
  }

  static void deliver(Route route, Packet p) {
    try {
      route.sink().received(p);
    } catch (RuntimeException e) {
      LOG.warn("{}: packet sink failed: {}", route.medium(), e.toString());
    }
  }
}
