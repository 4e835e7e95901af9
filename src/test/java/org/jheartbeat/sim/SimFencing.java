package org.jheartbeat.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.PingNode;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.config.Setting;
import org.jheartbeat.membership.NodeStatus;
import org.jheartbeat.resources.Fencer;
import org.jheartbeat.resources.FencingSnapshot;
import org.jheartbeat.resources.GroupState;

/**
 * The fencing scenario's additions to a {@link SimWorld}: an optional fake STONITH device on
 * every node, ping node {@value #PING} under the seed's {@code split_brain_policy}, and what the
 * fencing invariants need to know. A reset powers the target off ({@link SimNode#crash}) after
 * 0.5–3 s and boots it again 10–25 s later; while a node's device is down ({@link #deviceFails})
 * its resets answer {@code bad}. The ping node is not on the simulated network: which nodes
 * reach it is a set ({@link #pingCut}), and each node's resource manager hears the ping node's
 * status as its membership would: {@code ping} a keepalive after it answers, {@code dead}
 * deadping after it went silent. Draws only from its own generator (seeded by the world), so a
 * seed replays. Single-threaded, like the world.
 */
final class SimFencing {
  static final String PING = "ping1";
  /** A reset (by any node): the target reboots, its groups move. */
  private static final Faults.Kind RESET = new Faults.Kind("stonith-reset", Duration.ofSeconds(45), (w, r, k) -> null);

  final String policy;
  final boolean stonith;
  private final SimWorld world;
  private final Random random;
  private final Set<String> deviceDown = new HashSet<>();
  private final Set<String> pingBlind = new HashSet<>();
  private final Map<String, Long> blindSince = new HashMap<>();
  private final Map<String, String> pingHeard = new HashMap<>();
  private final Map<String, Long> resetAt = new HashMap<>();
  private final Map<String, Map<String, Long>> deadSince = new HashMap<>();
  /** The same moments on the observer's wall clock, which the fence ledger's entries carry. */
  private final Map<String, Map<String, Long>> deadSinceWall = new HashMap<>();
  /** Per node, the peers whose {@code shutdone} it received since it last saw them die. */
  private final Map<String, Set<String>> shutdoneSinceDeath = new HashMap<>();
  private long partitionSince = -1;
  private boolean lying;
  private long resets;
  private long failedResets;
  private long blockedChecks;

  SimFencing(SimWorld world, String policy, boolean stonith) {
    this.world = world;
    this.policy = policy;
    this.stonith = stonith;
    this.random = new Random(world.random.nextLong());
  }

  boolean pingQuorum() {
    return "ping_quorum".equals(policy);
  }

  /** The resource manager's ha.cf: the node's own plus ping node and policy (membership does not ping). */
  HaCf rmCf(String node) {
    HaCf c = world.haCf(node);
    var directive = org.jheartbeat.config.Directives.named("split_brain_policy").orElseThrow();
    return new HaCf(c.file(), c.localNode(), c.nodes(), List.of(new PingNode(PING, List.of(PING), false, 1)),
        c.timing(), c.udpPort(), c.media(), c.autoFailback(), c.logging(), c.protocol(), c.clients(), c.fencing(),
        List.of(new Setting(directive, policy, policy, 1)));
  }

  Fencer fencer(String node) {
    return stonith ? new Device(node) : Fencer.NO_DEVICE;
  }

  /** A fake power switch: the caller's device resets {@code target} after a delay, or fails while it is down. */
  private final class Device implements Fencer {
    private final String owner;

    Device(String owner) {
      this.owner = owner;
    }

    @Override
    public boolean configured() {
      return true;
    }

    @Override
    public void reset(String target, Consumer<Result> done) {
      SimLoop loop = world.nodes.get(owner).loop();
      Duration took = Duration.ofMillis(500 + random.nextInt(2500));
      Duration reboot = Duration.ofMillis(10_000 + random.nextInt(15_000));
      world.scheduler.schedule(took, () -> {
        boolean ok = !deviceDown.contains(owner);
        if (ok && !lying) {
          SimNode t = world.nodes.get(target);
          if (t.up()) {
            t.crash();
          } else {
            t.machine.powerOff();
          }
          resetAt.put(target, world.now());
          resets++;
          world.event(RESET, owner + "'s STONITH device powers " + target + " off");
          world.later(reboot, target + " boots after its reset", RESET, () -> {
            if (!t.up()) {
              t.start();
            }
          });
        } else {
          failedResets++;
          world.note(owner, "STONITH device fails to reset " + target);
        }
        if (!loop.dead()) {
          loop.execute(() -> done.accept(ok ? Result.OK : Result.BAD));
        }
      });
    }

    @Override
    public String toString() {
      return "simulated power switch of " + owner;
    }
  }

  // ------------------------------------------------------------------ faults

  /** From now on every device reports success without switching anything off (to test the invariants). */
  void lie() {
    lying = true;
  }

  void deviceFails(String node) {
    deviceDown.add(node);
  }

  void deviceRecovers(String node) {
    deviceDown.remove(node);
  }

  boolean deviceDown(String node) {
    return deviceDown.contains(node);
  }

  /** Partition begins (for "the ping node can tell": only blindness from before it counts). */
  void partitioned() {
    if (partitionSince < 0) {
      partitionSince = world.now();
    }
  }

  void healed() {
    partitionSince = -1;
  }

  /** {@code node} stops reaching the ping node: its membership declares it dead after deadping. */
  void pingCut(String node) {
    if (!pingBlind.add(node)) {
      return;
    }
    blindSince.put(node, world.now());
    SimNode n = world.nodes.get(node);
    long generation = n.generation();
    world.scheduler.schedule(Duration.ofMillis(SimWorld.TIMING.deadpingMs()), () -> {
      if (pingBlind.contains(node) && n.up() && n.generation() == generation) {
        pingStatus(n, "dead");
      }
    });
  }

  void pingHeal(String node) {
    if (!pingBlind.remove(node)) {
      return;
    }
    blindSince.remove(node);
    SimNode n = world.nodes.get(node);
    if (n.up()) {
      answerLater(n);
    }
  }

  void pingHealAll() {
    List.copyOf(pingBlind).forEach(this::pingHeal);
  }

  boolean blind(String node) {
    return pingBlind.contains(node);
  }

  /** A new daemon run: its membership hears the ping node a keepalive later, unless cut from it. */
  void started(SimNode n) {
    pingHeard.remove(n.name);
    deadSince.remove(n.name);
    deadSinceWall.remove(n.name);
    if (!pingBlind.contains(n.name)) {
      answerLater(n);
    }
  }

  private void answerLater(SimNode n) {
    long generation = n.generation();
    world.scheduler.schedule(Duration.ofMillis(SimWorld.TIMING.keepaliveMs()), () -> {
      if (!pingBlind.contains(n.name) && n.up() && n.generation() == generation) {
        pingStatus(n, "ping");
      }
    });
  }

  private void pingStatus(SimNode n, String to) {
    String from = pingHeard.getOrDefault(n.name, "init");
    if (from.equals(to)) {
      return;
    }
    pingHeard.put(n.name, to);
    world.note(n.name, "ping node " + PING + " " + from + " -> " + to);
    n.loop().execute(() -> n.resources().onNodeStatus(PING, from, to));
  }

  // ------------------------------------------------------------------ what the invariants read

  /** Membership of {@code self} saw {@code node} change: remember since when it is dead. */
  void sees(String self, String node, NodeStatus to) {
    Map<String, Long> mine = deadSince.computeIfAbsent(self, k -> new HashMap<>());
    Map<String, Long> wall = deadSinceWall.computeIfAbsent(self, k -> new HashMap<>());
    if (to == NodeStatus.DEAD) {
      if (!mine.containsKey(node)) {
        shutdoneSinceDeath.computeIfAbsent(self, k -> new HashSet<>()).remove(node);
      }
      mine.putIfAbsent(node, world.now());
      wall.putIfAbsent(node, world.nodes.get(self).clock.wallMillis());
    } else {
      mine.remove(node);
      wall.remove(node);
    }
  }

  /** {@code self} was handed {@code peer}'s {@code shutdone}: that run has released every group. */
  void shutdone(String self, String peer) {
    shutdoneSinceDeath.computeIfAbsent(self, k -> new HashSet<>()).add(peer);
  }

  /**
   * A group of {@code node} went to {@code to}: starting a group of a peer that {@code node} sees
   * dead, when its resource manager decided to reset that peer, needs the reset done — after the
   * death, really powered off — never while the reset runs or failed (the device is down).
   */
  void groupChanged(String node, String group, GroupState to) {
    if (!stonith || to != GroupState.STARTING) {
      return;
    }
    ResourceGroup g = world.groups().stream().filter(x -> x.key().equals(group)).findFirst().orElseThrow();
    String home = g.preferredNode();
    Long dead = deadSince.getOrDefault(node, Map.of()).get(home);
    if (home.equals(node) || dead == null) {
      return;
    }
    if (shutdoneSinceDeath.getOrDefault(node, Set.of()).contains(home)) {
      // its shutdone came after the death (a stalled peer stopped gracefully): it released
      // everything, so the takeover needs no reset (spec §5.3 step 8), whatever the device did
      return;
    }
    FencingSnapshot f = world.nodes.get(node).resources().fencing();
    long deadWall = deadSinceWall.get(node).get(home);
    // an entry older than this death belongs to an earlier one
    var entry = f.peers().stream().filter(p -> p.node().equals(home) && p.sinceMillis() >= deadWall).findFirst();
    if (entry.isEmpty()) {
      return; // the peer gave its groups up (stonith unneeded); a wrong call shows as two owners
    }
    blockedChecks++;
    String phase = entry.get().phase();
    if (!"done".equals(phase)) {
      world.violation(node + " started " + group + " of dead " + home + " while its reset is " + phase
          + (deviceDown(node) ? " (device down)" : ""));
    } else if (resetAt.getOrDefault(home, Long.MIN_VALUE) < dead) {
      world.violation(node + " started " + group + " of dead " + home + ": reset reported done, but "
          + home + " was not powered off since it was declared dead");
    }
  }

  /** Whether the ping node tells {@code a} and {@code b} apart: one reached it, one not, since before the partition. */
  boolean pingCanTell(String a, String b) {
    if (partitionSince < 0 || blind(a) == blind(b)) {
      return false;
    }
    String cut = blind(a) ? a : b;
    return blindSince.get(cut) <= partitionSince;
  }

  long resets() {
    return resets;
  }

  long failedResets() {
    return failedResets;
  }

  long checkedStarts() {
    return blockedChecks;
  }
}
