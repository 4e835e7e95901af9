package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jheartbeat.config.Timing;
import org.jheartbeat.testkit.LogCapture;
import org.junit.jupiter.api.Test;

/**
 * The retransmission storm of the 32-node benchmark (docs/benchmarks.md "Scale"), in simulation:
 * {@value #NODES} engines at the benchmark's timing settle, then every link loses
 * {@value #LOSS_PERCENT} % of its packets for {@value #LOSSY_SECONDS} s, as when overloaded
 * nodes overflow their receive buffers. Heartbeat's per-packet limits alone let every node ask
 * every other for every lost seq, each request and each answer broadcast to the whole segment,
 * so the added traffic grew with N² times the loss; with the per-node budgets it stays under a
 * fixed rate per node. Once the loss ends every hole is filled, nobody was declared dead and
 * no request timer is left.
 */
class RexmitStormSimTest {
  static final int NODES = 24;
  static final int LOSS_PERCENT = 25;
  static final int LOSSY_SECONDS = 10;
  private static final Timing TIMING = new Timing(200, 2_000, 1_000, 10_000, 2_000);

  @Test
  void lossAtScaleCostsABoundedNumberOfRequestsAndAnswersPerNode() {
    List<String> names = IntStream.rangeClosed(1, NODES).mapToObj(i -> String.format("n%02d", i)).toList();
    try (LogCapture logs = new LogCapture("org.jheartbeat.membership")) {
      SimCluster sim = new SimCluster(7_2026L);
      sim.jitterMs = 5;
      for (String n : names) {
        sim.add(n, TestConfigs.cf(n, names, TIMING, List.of("eth0"), List.of()), 1);
      }
      names.forEach(sim::start);
      sim.advance(Duration.ofSeconds(12));
      Map<String, Double> requestsBefore = counts(sim, "heartbeat.packets.rexmit.requested");
      Map<String, Double> resentBefore = counts(sim, "heartbeat.packets.retransmitted");
      sim.loss = LOSS_PERCENT / 100.0;
      sim.advance(Duration.ofSeconds(LOSSY_SECONDS));
      sim.loss = 0;
      double[] requests = perNodePerSecond(sim, "heartbeat.packets.rexmit.requested", requestsBefore);
      double[] resent = perNodePerSecond(sim, "heartbeat.packets.retransmitted", resentBefore);
      System.out.printf("rexmit storm simulation: %d nodes, %d %% loss for %d s: per node %.1f requests/s (max %.1f)"
          + " and %.1f retransmissions/s (max %.1f)%n", NODES, LOSS_PERCENT, LOSSY_SECONDS,
          requests[0], requests[1], resent[0], resent[1]);
      sim.advance(Duration.ofSeconds(20));

      assertThat(requests[1]).as("retransmission requests of the busiest node per second")
          .isLessThanOrEqualTo((Retransmitter.BURST + Retransmitter.PER_SECOND * LOSSY_SECONDS) / (double) LOSSY_SECONDS);
      assertThat(resent[1]).as("retransmissions of the busiest node per second")
          .isLessThanOrEqualTo((RexmitServer.BURST + RexmitServer.PER_SECOND * LOSSY_SECONDS) / (double) LOSSY_SECONDS);
      for (String n : names) {
        for (String peer : names) {
          assertThat(sim.get(n).missingFrom(peer)).as(n + " missing from " + peer).isEmpty();
        }
        assertThat(sim.get(n).pendingRexmitTimers()).as(n + " request timers").isZero();
      }
      assertThat(logs.lines()).noneMatch(l -> l.contains("is dead"));
    }
  }

  private static Map<String, Double> counts(SimCluster sim, String counter) {
    Map<String, Double> c = new HashMap<>();
    sim.registries.forEach((node, r) -> c.put(node, r.counter(counter).count()));
    return c;
  }

  /** Mean and maximum over the nodes of the counter's rate in the lossy window. */
  private static double[] perNodePerSecond(SimCluster sim, String counter, Map<String, Double> before) {
    DoubleSummaryStatistics s = counts(sim, counter).entrySet().stream()
        .mapToDouble(e -> (e.getValue() - before.get(e.getKey())) / LOSSY_SECONDS).summaryStatistics();
    return new double[] {s.getAverage(), s.getMax()};
  }
}
