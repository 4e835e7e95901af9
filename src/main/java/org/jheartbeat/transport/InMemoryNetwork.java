package org.jheartbeat.transport;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import org.jheartbeat.runtime.Clock;

/**
 * A hub for simulations: nodes {@linkplain #attach attach} media by name, and a packet sent on a
 * medium reaches every other node's medium of the same name, plus a loop-back copy to the sender
 * as Linux delivers our own broadcast (spec wire §5.1). Without faults and in synchronous mode a
 * send delivers at once; otherwise copies wait in a queue ordered by (due tick, send order) and are
 * delivered only by {@link #deliverPending()} or {@link #tick()}, so the test owns time. No
 * threads, no locks: confined to the simulation thread. Faults: {@link #faults()}. The source
 * address of a delivered packet is unresolved with the sender's node name as host.
 */
public final class InMemoryNetwork {
  private final boolean synchronous;
  private final LongSupplier nanoTime;
  private final NetworkFaults faults;
  private final List<InMemoryMedium> media = new ArrayList<>();
  private final PriorityQueue<Queued> queue = new PriorityQueue<>();
  private long now;
  private long order;
  private long delivered;
  private long dropped;

  private record Queued(long due, long order, InMemoryMedium to, Packet packet) implements Comparable<Queued> {
    @Override
    public int compareTo(Queued o) {
      int c = Long.compare(due, o.due);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  /** Synchronous delivery on send, no faults; packets are stamped with the tick count. */
  public InMemoryNetwork() {
    this(true, 0, null);
  }

  /** Queued delivery with a seeded fault plan. */
  public InMemoryNetwork(long seed) {
    this(false, seed, null);
  }

  /**
   * @param synchronous deliver undelayed copies inside {@code send}
   * @param seed seed of the fault plan's random choices
   * @param nanoTime receive time stamp source (a manual clock), or null for the tick count
   */
  public InMemoryNetwork(boolean synchronous, long seed, LongSupplier nanoTime) {
    this.synchronous = synchronous;
    this.faults = new NetworkFaults(seed);
    this.nanoTime = nanoTime != null ? nanoTime : () -> now;
  }

  public NetworkFaults faults() {
    return faults;
  }

  /** A new medium {@code medium} (type bcast) of {@code node}. */
  public Medium attach(String node, String medium) {
    InMemoryMedium m = new InMemoryMedium(this, Objects.requireNonNull(node), Objects.requireNonNull(medium));
    media.add(m);
    return m;
  }

  /** Delivers every queued copy that is due at the current tick; returns how many. */
  public int deliverPending() {
    int n = 0;
    while (!queue.isEmpty() && queue.peek().due() <= now) {
      Queued q = queue.poll();
      q.to().deliver(q.packet());
      delivered++;
      n++;
    }
    return n;
  }

  /** Advances one tick, then delivers what became due. */
  public int tick() {
    now++;
    return deliverPending();
  }

  /** Ticks until nothing is queued, at most {@code maxTicks}; returns copies delivered. */
  public int drain(int maxTicks) {
    int n = deliverPending();
    for (int i = 0; i < maxTicks && !queue.isEmpty(); i++) {
      n += tick();
    }
    return n;
  }

  public long now() {
    return now;
  }

  public int pending() {
    return queue.size();
  }

  public long delivered() {
    return delivered;
  }

  public long dropped() {
    return dropped;
  }

  void send(InMemoryMedium from, byte[] data) {
    InetSocketAddress src = InetSocketAddress.createUnresolved(from.node(), 0);
    enqueue(from, data, src, 0);
    for (InMemoryMedium to : List.copyOf(media)) {
      if (to == from || !to.name().equals(from.name())) {
        continue;
      }
      if (faults.blocked(from.node(), to.node(), from.name()) || faults.dropNow(from.node(), to.node())) {
        dropped++;
        continue;
      }
      int copies = faults.copies();
      for (int i = 0; i < copies; i++) {
        enqueue(to, data, src, faults.delayTicks());
      }
    }
  }

  private void enqueue(InMemoryMedium to, byte[] data, InetSocketAddress src, int delay) {
    if (synchronous && delay == 0) {
      to.deliver(new Packet(data.clone(), to.name(), src, nanoTime.getAsLong()));
      delivered++;
      return;
    }
    queue.add(new Queued(now + delay, order++, to,
        new Packet(data.clone(), to.name(), src, nanoTime.getAsLong())));
  }

  /** One node's end of a named in-memory link. */
  static final class InMemoryMedium implements Medium {
    private final InMemoryNetwork network;
    private final String node;
    private final String name;
    private final Counters counters = new Counters(Clock.SYSTEM);
    private PacketSink sink;
    private boolean closed;

    InMemoryMedium(InMemoryNetwork network, String node, String name) {
      this.network = network;
      this.node = node;
      this.name = name;
    }

    String node() {
      return node;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String type() {
      return "bcast";
    }

    @Override
    public void open(PacketSink sink) {
      this.sink = Objects.requireNonNull(sink);
      closed = false;
    }

    @Override
    public void send(byte[] packet) {
      if (sink == null || closed) {
        counters.sendError(org.slf4j.LoggerFactory.getLogger(InMemoryNetwork.class), name, "medium not open");
        return;
      }
      counters.sent(packet.length);
      network.send(this, packet);
    }

    void deliver(Packet p) {
      if (sink == null || closed) {
        return;
      }
      counters.received(p.data().length);
      sink.received(p);
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public MediumStats stats() {
      return counters.snapshot();
    }

    @Override
    public String toString() {
      return node + ":" + name;
    }
  }
}
