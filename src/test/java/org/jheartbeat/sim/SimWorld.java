package org.jheartbeat.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.jheartbeat.config.AuthKey;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.AuthMethod;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.HaResources;
import org.jheartbeat.config.LogSettings;
import org.jheartbeat.config.MediumSpec;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.config.ScriptLookup;
import org.jheartbeat.config.Timing;
import org.jheartbeat.membership.MembershipListener;
import org.jheartbeat.membership.NodeStatus;
import org.jheartbeat.resources.AgentTimeouts;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.jheartbeat.transport.InMemoryNetwork;
import org.jheartbeat.transport.Medium;
import org.jheartbeat.transport.Packet;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.VerifyResult;

/**
 * The simulated world of one seed: virtual time ({@link ManualClock} + {@link ManualScheduler}),
 * the seeded {@link InMemoryNetwork} (one network tick = {@link #NET_TICK}, pumped only while
 * packets are in flight) with two links, the nodes, an attacker on every link that records what
 * it hears (for replays) and injects what it likes, and the bookkeeping the invariants read:
 * which directions are blocked, when each daemon and generation ended, until when faults excuse a
 * group being unserved. Everything random comes from {@link #random} or from generators seeded
 * by it, in a fixed order, so a seed replays exactly. Single-threaded.
 */
final class SimWorld {
  static final List<String> LINKS = List.of("eth0", "eth1");
  static final Timing TIMING = new Timing(1000, 5000, 3000, 10_000, 10_000);
  static final AgentTimeouts AGENT_TIMEOUTS =
      new AgentTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(2));
  static final Duration NET_TICK = Duration.ofMillis(5);
  static final Duration STEP = Duration.ofMillis(250);
  /** Longest a packet can be in flight (delay ticks), plus margin: older news was injected. */
  static final Duration FLIGHT = Duration.ofSeconds(1);
  static final String ATTACKER = "mallory";
  private static final int CAPTURE = 400;
  private static final Path SCRIPTS = scriptDir();

  final long seed;
  final Random random;
  final AutoFailback mode;
  final ManualClock clock = new ManualClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final InMemoryNetwork network;
  final ScriptLookup lookup = new ScriptLookup(SCRIPTS, SCRIPTS.resolve("init.d"));
  final HaResources haResources;
  final Authenticator authenticator = new Authenticator(keys("simulation key"));
  final Authenticator foreignKeys = new Authenticator(keys("not the cluster's key"));
  final Map<String, SimNode> nodes = new LinkedHashMap<>();
  private final Map<String, HaCf> configs = new HashMap<>();
  private final List<Medium> attacker = new ArrayList<>();
  private final ArrayDeque<Captured> captured = new ArrayDeque<>();
  private final Set<String> blocked = new HashSet<>();
  private final Set<String> cut = new HashSet<>();
  private final Map<String, Map<Long, Long>> generationEnded = new HashMap<>();
  final List<String> trace = new ArrayList<>();
  final List<String> violations = new ArrayList<>();
  final Map<String, Integer> faultCounts = new TreeMap<>();
  /** STONITH devices and the ping node of the fencing scenario; null in the plain simulation. */
  SimFencing fencing;
  private long quietUntil;
  private boolean pumping;
  private long forgedRejected;
  private long forgedSent;
  private long staleDeliveries;

  /** A packet the attacker heard: its bytes, link, and when. */
  record Captured(byte[] data, String link, long atNanos) {}

  SimWorld(long seed, int nodeCount, AutoFailback mode) {
    if (nodeCount < 2 || nodeCount > 9) {
      throw new IllegalArgumentException("the simulation runs 2 to 9 nodes, not " + nodeCount);
    }
    this.seed = seed;
    this.random = new Random(seed);
    this.mode = mode;
    this.network = new InMemoryNetwork(false, random.nextLong(), clock::nanoTime);
    List<String> names = new ArrayList<>();
    List<ResourceGroup> groups = new ArrayList<>();
    for (int i = 1; i <= nodeCount; i++) {
      String n = "n" + i;
      names.add(n);
      List<ResourceSpec> specs = new ArrayList<>();
      specs.add(new ResourceSpec("SimAgent::g" + i, "SimAgent", List.of("g" + i)));
      if (i == 1) {
        specs.add(new ResourceSpec("SimAgent::g1b", "SimAgent", List.of("g1b")));
      }
      groups.add(new ResourceGroup(n, specs, i));
    }
    haResources = new HaResources(Path.of("/etc/ha.d/haresources"), true, groups);
    for (String n : names) {
      configs.put(n, new HaCf(Path.of("/etc/ha.d/ha.cf"), n, names, List.of(), TIMING, 694,
          LINKS.stream().<MediumSpec>map(l -> new MediumSpec.Bcast(l, 694)).toList(), mode,
          new LogSettings(Optional.empty(), Optional.empty(), Optional.empty(), true, false, 0),
          new HaCf.Protocol("classic", "file", "random", 250, 1),
          new HaCf.Clients(List.of(), List.of(), List.of(), Optional.empty()),
          new HaCf.Fencing(Optional.empty(), List.of()), List.of()));
    }
    for (String n : names) {
      nodes.put(n, new SimNode(this, n));
    }
    for (String link : LINKS) {
      Medium m = network.attach(ATTACKER, link);
      m.open(p -> hear(p, link));
      attacker.add(m);
    }
    network.faults().delay(0, 10);
  }

  private static AuthKeys keys(String secret) {
    return new AuthKeys(Path.of("/etc/ha.d/authkeys"), 1, 1,
        Map.of(1, new AuthKey(1, AuthMethod.SHA1, Optional.of(secret), 2)));
  }

  /** A resource.d with an executable SimAgent, so that the production ScriptLookup finds the agent. */
  private static Path scriptDir() {
    try {
      Path dir = Files.createTempDirectory("jhb-sim-");
      Path agent = Files.writeString(dir.resolve("SimAgent"), "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(agent, PosixFilePermissions.fromString("rwx------"));
      agent.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HaCf haCf(String node) {
    return configs.get(node);
  }

  List<ResourceGroup> groups() {
    return haResources.groups();
  }

  long now() {
    return clock.nanoTime();
  }

  String stamp() {
    return String.format("[%8.3f]", now() / 1e9);
  }

  // ------------------------------------------------------------------ time

  /** Advances virtual time by {@code d}, checking the invariants every {@link #STEP}. */
  void advance(Duration d, List<Invariant> invariants) {
    long end = now() + d.toNanos();
    while (now() < end) {
      scheduler.advance(Duration.ofNanos(Math.min(STEP.toNanos(), end - now())));
      check(invariants);
    }
  }

  void check(List<Invariant> invariants) {
    for (Invariant inv : invariants) {
      inv.check(this, v -> violation(v));
    }
  }

  void violation(String what) {
    violations.add(stamp() + " " + what);
    trace.add(stamp() + " VIOLATION " + what);
  }

  /** Runs {@code action} after {@code d} (the end of a temporary fault), traced and counted as an event. */
  void later(Duration d, String what, Fault kind, Runnable action) {
    scheduler.schedule(d, () -> {
      action.run();
      event(kind, what);
    });
  }

  /** Records an injected fault (or a fault's end) and extends the time the invariants wait. */
  void event(Fault kind, String what) {
    trace.add(stamp() + " " + what);
    quietUntil = Math.max(quietUntil, now() + kind.recovery().toNanos());
  }

  void count(Fault kind) {
    faultCounts.merge(kind.name(), 1, Integer::sum);
  }

  /** Until when the latest faults excuse an unserved or doubly served group. */
  long quietUntil() {
    return quietUntil;
  }

  // ------------------------------------------------------------------ network

  /** Called after every send: pumps the network while packets are in flight. */
  void kick() {
    if (!pumping && network.pending() > 0) {
      pumping = true;
      scheduler.schedule(NET_TICK, () -> {
        pumping = false;
        network.tick();
        kick();
      });
    }
  }

  /** Wraps a node's medium so that its sends pump the network. */
  Medium pumped(Medium m) {
    return new Medium() {
      @Override
      public String name() {
        return m.name();
      }

      @Override
      public String type() {
        return m.type();
      }

      @Override
      public void open(org.jheartbeat.transport.PacketSink sink) {
        m.open(sink);
      }

      @Override
      public void send(byte[] packet) {
        m.send(packet);
        kick();
      }

      @Override
      public void close() {
        m.close();
      }

      @Override
      public org.jheartbeat.transport.MediumStats stats() {
        return m.stats();
      }
    };
  }

  private void hear(Packet p, String link) {
    if (captured.size() == CAPTURE) {
      captured.removeFirst();
    }
    captured.addLast(new Captured(p.data(), link, now()));
  }

  List<Captured> captured() {
    return List.copyOf(captured);
  }

  /** The attacker sends raw bytes on {@code link} (to every node that the faults let it reach). */
  void inject(String link, byte[] data, boolean forged) {
    attacker.get(LINKS.indexOf(link)).send(data);
    if (forged) {
      forgedSent++;
    }
    kick();
  }

  void block(String from, String to) {
    blocked.add(from + ">" + to);
    network.faults().block(from, to);
  }

  void cut(String node, String link) {
    cut.add(node + ":" + link);
    network.faults().cut(node, link);
  }

  void healNetwork() {
    blocked.clear();
    cut.clear();
    network.faults().heal();
  }

  /** Whether packets from {@code a} reach {@code b} on at least one link. */
  boolean reaches(String a, String b) {
    if (blocked.contains(a + ">" + b)) {
      return false;
    }
    return LINKS.stream().anyMatch(l -> !cut.contains(a + ":" + l) && !cut.contains(b + ":" + l));
  }

  /** Both daemons run, neither is paused, and packets get through both ways. */
  boolean hearEachOther(String a, String b) {
    SimNode x = nodes.get(a);
    SimNode y = nodes.get(b);
    return x.up() && y.up() && !x.paused() && !y.paused() && reaches(a, b) && reaches(b, a);
  }

  // ------------------------------------------------------------------ per-node hooks

  void escaped(String node, Throwable t) {
    violation("exception escaped the event loop of " + node + ": " + t);
  }

  void note(String node, String what) {
    trace.add(stamp() + " " + node + " " + what);
  }

  void daemonEnded(SimNode n) {
    generationEnded.computeIfAbsent(n.name, k -> new HashMap<>()).put(n.generation(), now());
    note(n.name, "daemon ended (generation " + n.generation() + ")");
  }

  void rejected(String node, VerifyResult result, Packet packet) {
    if (packet.source() != null && ATTACKER.equals(packet.source().getHostString())) {
      forgedRejected++;
    }
  }

  long forgedSent() {
    return forgedSent;
  }

  /** Messages accepted long after their sender's run ended (see {@link #observerFor}). */
  long staleDeliveries() {
    return staleDeliveries;
  }

  long forgedRejected() {
    return forgedRejected;
  }

  /**
   * What a node's membership hands on, checked for "no unauthenticated or replayed message is
   * acted on": a forged message (only forgeries carry {@code forged}) is never delivered; within
   * one daemon run the same message (src, generation, seq) is never delivered twice, and never a
   * message of an older generation of a peer after one of a newer generation. A packet the node
   * never received, injected later, cannot be told from a late one (Heartbeat has no freshness
   * check either): accepting one long after its sender's run ended is counted as a stale
   * delivery, not a violation.
   */
  MembershipListener observerFor(SimNode self, SimLoop loop) {
    Map<String, Long> newestGeneration = new HashMap<>();
    Set<String> seen = new HashSet<>();
    return new MembershipListener() {
      @Override
      public void nodeStatusChanged(String node, NodeStatus from, NodeStatus to) {
        note(self.name, "sees " + node + " " + from.text() + " -> " + to.text());
        if (fencing != null) {
          fencing.sees(self.name, node, to);
        }
      }

      @Override
      public void delivered(Message m) {
        if (m.get("forged").isPresent()) {
          violation(self.name + " acted on a forged message: " + m);
          return;
        }
        String src = m.get("src").orElse("");
        if (fencing != null && m.type().equals("shutdone") && !src.equals(self.name)) {
          fencing.shutdone(self.name, src);
        }
        long hg = parseHex(m.get("hg").orElse("0"));
        String id = src + "/" + hg + "/" + m.get("seq").orElse("-");
        if (!seen.add(id)) {
          violation(self.name + " acted twice on " + m.type() + " " + id + " (replay)");
        }
        long newest = newestGeneration.merge(src, hg, Math::max);
        if (hg < newest) {
          violation(self.name + " acted on " + m.type() + " of " + src + " generation " + hg
              + " after seeing generation " + newest + " (replay)");
        }
        Long ended = generationEnded.getOrDefault(src, Map.of()).get(hg);
        if (ended != null && loop.runningDueNanos() > ended + FLIGHT.toNanos()) {
          staleDeliveries++;
          note(self.name, "accepted " + m.type() + " of " + src + " generation " + hg + ", "
              + (loop.runningDueNanos() - ended) / 1_000_000 + " ms after that run ended (never received before)");
        }
      }
    };
  }

  private static long parseHex(String s) {
    try {
      return Long.parseLong(s, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
