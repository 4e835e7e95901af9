package org.jheartbeat.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jheartbeat.config.ResourceGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deterministic whole-cluster simulation (see package-info): {@value #DEFAULT_SEEDS} seeds per
 * build. System properties: {@code jheartbeat.sim.seeds}, {@code jheartbeat.sim.first-seed},
 * {@code jheartbeat.sim.nodes}, {@code jheartbeat.sim.steps}, {@code jheartbeat.sim.progress} (a file
 * for the running totals); {@code jheartbeat.sim.seed=N} replays
 * one seed and prints its whole trace. A failing seed prints its violations, the fault trace and
 * the daemons' last log lines. {@code scripts/sim} runs many seeds.
 */
class ClusterSimulationTest {
  static final int DEFAULT_SEEDS = 1000;
  /**
   * Seeds of the CI range that still end unsettled: open bugs of the v1 resource manager the
   * simulation found and that are not fixed yet (docs/reliability.md, "Deterministic cluster
   * simulation"). They run and print, but do not fail the build; one that passes fails it, so
   * that the list is kept true. The seeds depend on the fault catalogue: whoever changes Faults
   * reruns {@code scripts/sim --seeds 1000} and updates this list.
   */
  static final Map<Long, String> KNOWN_OPEN = Map.of();
  static final int PROGRESS_EVERY = 500;
  private static SimLog log;

  @BeforeAll
  static void quiet() {
    log = new SimLog();
  }

  @AfterAll
  static void loud() {
    log.close();
  }

  @Test
  void everySeedKeepsTheInvariants() throws IOException {
    int nodes = Integer.getInteger("jheartbeat.sim.nodes", 2);
    int steps = Integer.getInteger("jheartbeat.sim.steps", 8);
    Long replay = Long.getLong("jheartbeat.sim.seed");
    if (replay != null) {
      SimRun.Result r = SimRun.run(replay, nodes, steps, log);
      System.out.println(r.report());
      assertThat(r.violations()).as("seed %d", replay).isEmpty();
      return;
    }
    long first = Long.getLong("jheartbeat.sim.first-seed", 1L);
    int seeds = Integer.getInteger("jheartbeat.sim.seeds", DEFAULT_SEEDS);
    String progress = System.getProperty("jheartbeat.sim.progress");
    Totals totals = new Totals(first, nodes, steps);
    List<String> knownOpen = new ArrayList<>();
    for (long seed = first; seed < first + seeds; seed++) {
      SimRun.Result r = SimRun.run(seed, nodes, steps, log);
      boolean known = nodes == 2 && steps == 8 && KNOWN_OPEN.containsKey(seed);
      totals.add(r, known);
      if (known) {
        knownOpen.add("seed " + seed + (r.ok() ? " now passes: remove it from KNOWN_OPEN"
            : " still open (" + KNOWN_OPEN.get(seed) + "): " + r.violations()));
      }
      if ((seed - first + 1) % PROGRESS_EVERY == 0 && progress != null) {
        Files.writeString(Path.of(progress), totals.line() + "\n");
      }
    }
    totals.reports.forEach(System.out::println);
    knownOpen.forEach(System.out::println);
    System.out.println(totals.line());
    assertThat(totals.failed).as("failing seeds (replay one with -Djheartbeat.sim.seed=N)").isEmpty();
  }

  /**
   * Sums of many runs, printed as one line at the end and, every {@value #PROGRESS_EVERY} seeds,
   * written to the file {@code jheartbeat.sim.progress} names (Surefire holds the console back).
   */
  private static final class Totals {
    final long first;
    final int nodes;
    final int steps;
    final long t0 = System.nanoTime();
    final Map<String, Integer> faults = new TreeMap<>();
    final List<Long> failed = new ArrayList<>();
    final List<String> reports = new ArrayList<>();
    long seeds;
    long violations;
    long virtual;
    long forgedSent;
    long forgedRejected;
    long staleDeliveries;
    long open;

    Totals(long first, int nodes, int steps) {
      this.first = first;
      this.nodes = nodes;
      this.steps = steps;
    }

    /** Adds a run; a known open seed fails the totals only when it unexpectedly passes. */
    void add(SimRun.Result r, boolean knownOpen) {
      seeds++;
      r.faults().forEach((k, v) -> faults.merge(k, v, Integer::sum));
      virtual += r.virtualSeconds();
      forgedSent += r.forgedSent();
      forgedRejected += r.forgedRejected();
      staleDeliveries += r.staleDeliveries();
      if (knownOpen) {
        open += r.ok() ? 0 : 1;
        if (r.ok()) {
          failed.add(r.seed());
        }
      } else if (!r.ok()) {
        violations += r.violations().size();
        failed.add(r.seed());
        if (reports.size() < 3) {
          reports.add(r.report());
        }
      }
    }

    String line() {
      return String.format("simulation: %d seeds from %d, %d nodes, %d steps each, %d virtual s in %d ms; "
          + "faults injected %d %s; forged packets sent %d, rejected by nodes %d; "
          + "messages accepted after their sender's run ended %d; known open seeds still failing %d; "
          + "violations %d in seeds %s",
          seeds, first, nodes, steps, virtual, (System.nanoTime() - t0) / 1_000_000,
          faults.values().stream().mapToInt(Integer::intValue).sum(), faults, forgedSent, forgedRejected,
          staleDeliveries, open, violations, failed);
    }
  }

  @Test
  void aSeedReplaysExactly() {
    SimRun.Result a = SimRun.run(20_26, 2, 8, log);
    SimRun.Result b = SimRun.run(20_26, 2, 8, log);
    assertThat(b.trace()).isEqualTo(a.trace()).hasSizeGreaterThan(10);
  }

  @Test
  void theInvariantsCatchAGroupHeldTwiceAndAGroupHeldByNobody() {
    SimWorld w = new SimWorld(7, 2, org.jheartbeat.config.AutoFailback.ON);
    log.begin(w::stamp);
    List<Invariant> invariants = Invariants.all();
    w.nodes.values().forEach(SimNode::start);
    w.advance(Duration.ofSeconds(40), invariants);
    assertThat(w.violations).isEmpty();
    ResourceGroup g1 = w.groups().get(0);
    w.nodes.get("n2").machine.running().add(Invariants.holdingKey(g1)); // started behind the cluster's back
    w.advance(Duration.ofSeconds(20), invariants);
    assertThat(w.violations).singleElement().asString().contains("SimAgent::g1 held by [n1+n2] that hear each other");

    ResourceGroup g2 = w.groups().get(1);
    w.nodes.values().forEach(n -> n.machine.running().remove(Invariants.holdingKey(g2))); // vanished
    w.advance(Duration.ofSeconds(20), invariants);
    assertThat(w.violations).hasSize(2).last().asString().contains("SimAgent::g2 held by nobody while [n1, n2] could");
  }

  @Test
  void aNodeWhoseLoopStalledPastDeadtimeDoesNotDeclareItsPeerDead() {
    SimWorld w = new SimWorld(11, 2, org.jheartbeat.config.AutoFailback.ON);
    log.begin(w::stamp);
    List<Invariant> invariants = Invariants.all();
    w.nodes.values().forEach(SimNode::start);
    w.advance(Duration.ofSeconds(40), invariants);
    SimLoop n1 = w.nodes.get("n1").loop();
    n1.pause();
    w.advance(Duration.ofSeconds(12), invariants); // deadtime is 5 s: n2 takes n1's group over
    n1.resume();
    w.advance(Duration.ofSeconds(40), invariants);

    assertThat(w.trace).noneMatch(t -> t.contains("n1 sees n2 active -> dead"))
        .anyMatch(t -> t.contains("n2 sees n1 active -> dead"));
    assertThat(log.tail()).anyMatch(l -> l.contains("n1 WARN: Local node stalled for 12"));
    assertThat(w.violations).isEmpty();
    for (ResourceGroup g : w.groups()) {
      assertThat(Invariants.holders(w, g)).as(g.key()).hasSize(1);
    }
  }

  /** Seeds that found bugs since fixed; each failed before its fix. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {
      1260, // the standby requester stayed DONE for ever after its peer cancelled the handshake
      2224, // a group whose start failed stayed down: hb_standby ran once, while the peer was in flux
      360, // both nodes held all after a partition; their failback requests refused each other
      816, // a node in a graceful stop still took the group its peer handed over by hb_standby, and exited holding it
      1384, // a retransmitted isstable=0 report, delivered after the stable one, kept the peer in flux
      1574, // a restarted peer seen first on a non-status message: a retransmission delivered twice
      2861, // legacy: a peer dead during initdead but back before comm up was taken over at comm up
      4418, // the same after a healed partition: both ran the peer's group
      3224, // legacy: a replayed ip-request-resp started a group on a restarted node while its peer still ran it
  })
  void formerlyFailingSeedsSettle(long seed) {
    SimRun.Result r = SimRun.run(seed, 2, 8, log);
    assertThat(r.violations()).as(r.report()).isEmpty();
  }
}
