package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.jheartbeat.config.Timing;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.Test;

/**
 * Scale in simulation (issue 7): 100 membership engines (16 in the normal build) on one broadcast segment at
 * the scale benchmark's timing (keepalive 200 ms, warntime 1 s, deadtime 2 s, initdead 10 s)
 * with 1 % seeded loss and up to 10 ms jitter. After start-up every node must see all the
 * others active and, for the next {@value #STEADY_SECONDS} virtual seconds, nobody may be
 * declared dead; the message counts per type and the deliveries per second are printed for
 * docs/benchmarks.md ("Scale"). A million simulated deliveries at 100 nodes take minutes of CPU,
 * so the normal build runs the same checks at 16 nodes (the traffic grows with the square of the
 * size) and {@code -Djheartbeat.scale.sim=true} ({@code bench/scale --sim}) runs 100.
 */
class HundredNodeSimTest {
  static final int NODES = Boolean.getBoolean("jheartbeat.scale.sim") ? 100 : 16;
  static final int STEADY_SECONDS = 30;
  private static final Timing TIMING = new Timing(200, 2_000, 1_000, 10_000, 2_000);

  @Test
  void hundredNodesSettleAndNobodyIsDeclaredDeadWithOnePercentLoss() {
    List<String> names = IntStream.rangeClosed(1, NODES).mapToObj(i -> String.format("n%03d", i)).toList();
    try (LogCapture logs = new LogCapture("org.jheartbeat.membership")) {
      SimCluster sim = new SimCluster(20_261_202L);
      sim.loss = 0.01;
      sim.jitterMs = 10;
      for (String n : names) {
        sim.add(n, TestConfigs.cf(n, names, TIMING, List.of("eth0"), List.of()), 1);
      }
      names.forEach(sim::start);
      sim.advance(Duration.ofSeconds(15));
      for (String n : names) {
        assertThat(sim.get(n).snapshot().nodes()).as(n + "'s view")
            .allSatisfy(v -> assertThat(v.status()).as(n + " sees " + v.name()).isEqualTo(NodeStatus.ACTIVE));
      }
      long deadBefore = deaths(logs);
      long sentBefore = sentTotal(sim);
      sim.advance(Duration.ofSeconds(STEADY_SECONDS));
      assertThat(deaths(logs)).as("deaths in the steady state").isEqualTo(deadBefore).isZero();
      report(sim, sentTotal(sim) - sentBefore);
    }
  }

  private static long deaths(LogCapture logs) {
    return logs.lines().stream().filter(l -> l.contains("is dead")).count();
  }

  private static long sentTotal(SimCluster sim) {
    return sim.sent.values().stream().mapToLong(List::size).sum();
  }

  private static void report(SimCluster sim, long steadySent) {
    Map<String, Long> byType = new TreeMap<>();
    sim.sent.values().forEach(list -> list.stream().map(Message::type).forEach(t -> byType.merge(t, 1L, Long::sum)));
    System.out.printf("scale simulation: %d nodes, keepalive 200 ms, deadtime 2 s, 1 %% loss: 0 deaths;"
        + " messages sent by type over the whole run %s; steady state %.0f messages/s sent,"
        + " %.0f deliveries/s (each to %d receivers)%n",
        NODES, byType, steadySent / (double) STEADY_SECONDS, steadySent * (double) NODES / STEADY_SECONDS, NODES);
  }
}
