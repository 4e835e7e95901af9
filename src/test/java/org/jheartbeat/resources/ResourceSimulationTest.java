package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.runtime.Lifecycle;
import org.junit.jupiter.api.Test;

/**
 * Seeded random event sequences (graceful stops, restarts, power-offs, partitions, hb_standby,
 * hb_takeover) on two simulated nodes in every mode. The {@link RmSim} monitor checks the
 * invariants every 100 ms of virtual time; after a final heal and restart the cluster must
 * settle with exactly one owner per group. A failure prints the seed and the event log. More
 * seeds: {@code -Djheartbeat.seeds=1000}.
 */
class ResourceSimulationTest {
  private static final int SEEDS = Integer.getInteger("jheartbeat.seeds", 120);
  private static final List<String> GROUPS = List.of("n1 IPaddr::10.0.0.10 httpd",
      "n2 IPaddr::10.0.0.11", "n1 Dummy::r3");

  @Test
  void monitorReportsADuplicateThatLastsTooLong() {
    RmSim sim = new RmSim(AutoFailback.ON, List.of("n1", "n2"), GROUPS);
    sim.start("n1");
    sim.start("n2");
    sim.advanceSeconds(15);
    assertThat(sim.monitorViolations).isEmpty();
    sim.running.get("n1").add("IPaddr::10.0.0.11"); // an agent started it behind our back
    sim.advanceSeconds(9);
    assertThat(sim.monitorViolations).isEmpty();
    sim.advanceSeconds(2);
    assertThat(sim.monitorViolations).singleElement().asString()
        .contains("IPaddr::10.0.0.11 runs on two nodes that hear each other");
  }

  @Test
  void randomEventSequencesKeepOneOwnerPerGroup() {
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      String failure = run(seed);
      if (failure != null) {
        failures.add(failure);
      }
    }
    assertThat(failures).isEmpty();
  }

  /**
   * The same with a STONITH device on both nodes (it powers the target off; toggled to fail and
   * back) and, on every other seed, {@code split_brain_policy ping_quorum} with ping node
   * losses and isolated nodes. A group may run nowhere while a takeover waits for a failing
   * device or while every live node lacks the ping node (safety over availability); otherwise
   * the same invariants hold.
   */
  @Test
  void fencingAndPingQuorumKeepOneOwnerPerGroup() {
    List<String> failures = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS / 2; seed++) {
      String failure = run(seed, true);
      if (failure != null) {
        failures.add(failure);
      }
    }
    assertThat(failures).isEmpty();
  }

  /**
   * The same with resource monitoring (httpd restart with threshold 2, Dummy::r3 failover at once)
   * and a ninth event, a monitored resource killed behind the daemon's back: besides the
   * invariants (RmSim also checks that a killed resource is recovered within 45 s), after the
   * final settling every killed resource runs again wherever its group runs.
   */
  @Test
  void randomKillsOfMonitoredResourcesAreRecoveredWithOneOwnerPerGroup() {
    List<String> failures = new ArrayList<>();
    kills = 0;
    for (long seed = 1; seed <= MONITOR_SEEDS; seed++) {
      String failure = run(seed, false, true);
      if (failure != null) {
        failures.add(failure);
      }
    }
    System.out.printf("[ResourceSimulationTest] %d seeds with monitoring, %d resources killed, %d failed seeds%n",
        MONITOR_SEEDS, kills, failures.size());
    assertThat(kills).as("kills injected").isGreaterThan(MONITOR_SEEDS / 2);
    assertThat(failures).isEmpty();
  }

  /** Kills injected by the monitored runs (for the printed summary). */
  private static int kills;
  private static final int MONITOR_SEEDS = Integer.getInteger("jheartbeat.seeds", 40);
  private static final List<String> MONITORED = List.of("httpd", "Dummy::r3");
  /** The kill event: drawn as event 8 in monitored runs (in fencing runs 8 toggles a device). */
  private static final int KILL = -1;

  private static org.jheartbeat.config.Monitors monitors() {
    java.nio.file.Path file = java.nio.file.Path.of("/etc/ha.d/monitors");
    return new org.jheartbeat.config.Monitors(file, true, List.of(
        new org.jheartbeat.config.MonitorSpec("IPaddr::10.0.0.10", "httpd", 1, java.time.Duration.ofSeconds(2),
            java.time.Duration.ofSeconds(5), org.jheartbeat.config.OnFail.RESTART, 2, java.time.Duration.ofSeconds(40), 1),
        new org.jheartbeat.config.MonitorSpec("Dummy::r3", "Dummy::r3", 0, java.time.Duration.ofSeconds(3),
            java.time.Duration.ofSeconds(5), org.jheartbeat.config.OnFail.FAILOVER, 1, java.time.Duration.ZERO, 2)));
  }

  private static String run(long seed) {
    return run(seed, false, false);
  }

  private static String run(long seed, boolean fencing) {
    return run(seed, fencing, false);
  }

  private static String run(long seed, boolean fencing, boolean monitored) {
    Random r = new Random(seed);
    AutoFailback mode = AutoFailback.values()[(int) (seed % 3)];
    RmSim sim = new RmSim(mode, List.of("n1", "n2"), GROUPS);
    if (fencing) {
      sim.stonith.addAll(sim.nodes);
      sim.policy = seed % 2 == 0 ? "ping_quorum" : null;
    }
    if (monitored) {
      sim.monitors = monitors();
    }
    sim.loss = seed % 2 == 0 ? 0.1 : 0; // every other seed loses 10 % of the packets
    List<String> events = new ArrayList<>();
    Map<String, Long> downSince = new HashMap<>();
    sim.start("n1");
    if (r.nextBoolean()) {
      sim.advanceSeconds(r.nextInt(25));
    }
    sim.start("n2");
    for (int step = 0; step < 12; step++) {
      String n = r.nextBoolean() ? "n1" : "n2";
      String set = List.of("all", "local", "foreign").get(r.nextInt(3));
      boolean up = sim.alive(n);
      String ev;
      int event = r.nextInt(fencing ? 11 : monitored ? 9 : 8);
      switch (monitored && event == 8 ? KILL : event) {
        case 0 -> {
          ev = "stop " + n;
          if (up) {
            sim.stop(n);
            downSince.put(n, sim.clock.nanoTime());
          }
        }
        case 1 -> {
          ev = "crash " + n;
          if (up) {
            sim.crash(n);
            downSince.put(n, sim.clock.nanoTime());
          }
        }
        case 2 -> {
          ev = "start " + n;
          // a powered-off machine takes longer than deadtime to come back
          if (!up && sim.engines.get(n).lifecycle() == Lifecycle.STOPPED
              && sim.clock.nanoTime() - downSince.getOrDefault(n, 0L) > 15_000_000_000L) {
            sim.start(n);
          }
        }
        case 3 -> {
          ev = "standby " + n + " " + set;
          if (up) {
            sim.on(n, rm -> rm.standby(set));
          }
        }
        case 4 -> {
          ev = "takeover " + n + " " + set;
          if (up) {
            sim.on(n, rm -> rm.takeover(set));
          }
        }
        case 5 -> {
          ev = "cut";
          sim.cut("n1", "n2");
        }
        case 6 -> {
          ev = "heal";
          sim.heal();
        }
        case 8 -> {
          ev = "fence device of " + n + (sim.fenceFails.contains(n) ? " works" : " fails");
          if (!sim.fenceFails.remove(n)) {
            sim.fenceFails.add(n);
          }
        }
        case 9 -> {
          ev = sim.pingBlind.contains(n) ? "pingheal " + n : "pingcut " + n;
          if (sim.pingBlind.contains(n)) {
            sim.pingHeal(n);
          } else {
            sim.pingCut(n);
          }
        }
        case 10 -> {
          ev = "isolate " + n;
          sim.cut("n1", "n2");
          sim.pingCut(n);
        }
        case KILL -> {
          String victim = MONITORED.get(r.nextInt(MONITORED.size()));
          ev = "kill " + victim + " on " + n;
          if (up) {
            sim.kill(n, victim);
            kills++;
          }
        }
        default -> ev = "wait";
      }
      int secs = 1 + r.nextInt(25);
      events.add(String.format("%.3f %s; advance %d", sim.clock.nanoTime() / 1e9, ev, secs));
      sim.advanceSeconds(secs);
    }
    sim.heal();
    sim.fenceFails.clear();
    List.copyOf(sim.pingBlind).forEach(sim::pingHeal);
    events.add("heal");
    sim.advanceSeconds(20);
    for (String n : List.of("n1", "n2")) {
      if (!sim.alive(n)) {
        sim.start(n);
        events.add("start " + n);
      }
    }
    sim.advanceSeconds(60);
    List<String> problems = new ArrayList<>(sim.monitorViolations);
    for (String n : sim.nodes) {
      for (org.jheartbeat.config.ResourceGroup g : sim.res.groups()) {
        if (sim.running.get(n).contains(g.key())) {
          g.resources().stream().filter(x -> sim.killed.get(n).contains(x.text()))
              .forEach(x -> problems.add("at the end " + x.text() + " is still dead on " + n));
        }
      }
    }
    sim.owners().forEach((key, on) -> {
      if (on.size() != 1) {
        problems.add("at the end " + key + " runs on " + on);
      }
    });
    if (problems.isEmpty()) {
      return null;
    }
    return "seed " + seed + " (" + mode + "): " + problems + "\n  events: " + events
        + "\n  actions:\n    " + String.join("\n    ", sim.actions);
  }
}
