package org.jheartbeat.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.membership.NodeStatus;

/**
 * One seed, start to end: the nodes start (staggered), then {@code steps} times a fault drawn
 * from {@link Faults} is injected and the world runs 1–15 s with the invariants checked every
 * step; then every fault is healed, stopped nodes restart, and after {@link #SETTLE_TIME} the
 * cluster must be settled: each group held by exactly one node and every node seeing every other
 * active. The mode (auto_failback on, off, legacy) follows the seed. Everything derives from the
 * seed, so a result is reproduced exactly by running the same seed again.
 */
final class SimRun {
  static final Duration SETTLE_TIME = Duration.ofSeconds(60);
  private static final Faults.Kind FINAL_HEAL =
      new Faults.Kind("final-heal", Duration.ofSeconds(45), (w, r, k) -> null);

  /** What a run did and found. */
  record Result(long seed, AutoFailback mode, int steps, Map<String, Integer> faults, List<String> violations,
      List<String> trace, List<String> logTail, long forgedSent, long forgedRejected, long staleDeliveries,
      long virtualSeconds) {
    boolean ok() {
      return violations.isEmpty();
    }

    String report() {
      StringBuilder b = new StringBuilder();
      b.append("seed ").append(seed).append(" (auto_failback ").append(mode.name().toLowerCase())
          .append(", replay: -Djheartbeat.sim.seed=").append(seed).append("): ").append(violations.size())
          .append(" violation(s)\n");
      violations.forEach(v -> b.append("  ").append(v).append('\n'));
      b.append("  trace:\n");
      trace.forEach(t -> b.append("    ").append(t).append('\n'));
      b.append("  last log lines:\n");
      logTail.forEach(l -> b.append("    ").append(l).append('\n'));
      return b.toString();
    }
  }

  private SimRun() {}

  static Result run(long seed, int nodeCount, int steps, SimLog log) {
    AutoFailback mode = AutoFailback.values()[(int) Math.floorMod(seed, 3L)];
    SimWorld w = new SimWorld(seed, nodeCount, mode);
    log.begin(w::stamp);
    Random r = new Random(w.random.nextLong());
    List<Invariant> invariants = Invariants.all();
    w.event(FINAL_HEAL, "start " + nodeCount + " nodes, auto_failback " + mode.name().toLowerCase());
    for (SimNode n : w.nodes.values()) {
      n.start();
      w.advance(Duration.ofMillis(r.nextInt(3000)), invariants);
    }
    w.advance(Duration.ofSeconds(5 + r.nextInt(20)), invariants);
    for (int step = 1; step <= steps; step++) {
      Faults.Kind kind = Faults.pick(r);
      String did = kind.inject(w, r);
      if (did != null) {
        w.count(kind);
        w.event(kind, "step " + step + ": " + did);
        w.check(invariants);
      }
      w.advance(Duration.ofMillis(1000 + r.nextInt(14_000)), invariants);
    }
    healEverything(w, invariants);
    w.advance(SETTLE_TIME, invariants);
    settled(w);
    return new Result(seed, mode, steps, Map.copyOf(w.faultCounts), List.copyOf(w.violations), List.copyOf(w.trace),
        w.violations.isEmpty() ? List.of() : log.tail(), w.forgedSent(), w.forgedRejected(), w.staleDeliveries(),
        w.now() / 1_000_000_000L);
  }

  static void healEverything(SimWorld w, List<Invariant> invariants) {
    w.network.faults().clear().delay(0, 10);
    w.healNetwork();
    for (SimNode n : w.nodes.values()) {
      if (n.paused()) {
        n.loop().resume();
      }
      w.groups().forEach(g -> g.resources().forEach(s -> n.machine.behave(s.args().get(0), SimMachine.Behaviour.OK)));
    }
    // a node in a graceful stop finishes it first
    w.advance(Duration.ofSeconds(12), invariants);
    for (SimNode n : w.nodes.values()) {
      if (!n.up()) {
        n.start();
      }
    }
    w.event(FINAL_HEAL, "heal everything, start the stopped nodes");
  }

  /** The end state: one holder per group (unless its start failure is excused), everyone active. */
  static void settled(SimWorld w) {
    for (ResourceGroup g : w.groups()) {
      List<String> on = Invariants.holders(w, g);
      boolean failedEverywhere = w.nodes.values().stream().allMatch(n -> Invariants.failedOn(n, g));
      boolean excused = failedEverywhere || Invariants.stuckByLegacyMode(w, g);
      if (on.size() != 1 && !(on.isEmpty() && excused)) {
        w.violation("settled: " + g.key() + " held by " + on + " instead of exactly one node");
      }
    }
    List<String> notActive = new ArrayList<>();
    for (SimNode a : w.nodes.values()) {
      for (SimNode b : w.nodes.values()) {
        if (a != b && a.membership().snapshot().node(b.name).status() != NodeStatus.ACTIVE) {
          notActive.add(a.name + " sees " + b.name + " " + a.membership().snapshot().node(b.name).status().text());
        }
      }
    }
    if (!notActive.isEmpty()) {
      w.violation("settled: not everyone active: " + notActive);
    }
  }
}
