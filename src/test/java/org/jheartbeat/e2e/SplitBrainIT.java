package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.TwoNodeLab.Slot;
import org.jheartbeat.e2e.Walkthrough.Mark;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.api.Test;

/**
 * Split brain with the ping-node tie-breaker (issue 8): two jheartbeat nodes with {@code
 * split_brain_policy ping_quorum} and the lab's ping node. orasrv1 serves; then both its switch
 * ports go down, so it loses its peer and the ping node while orasrv2 still reaches the ping
 * node. orasrv2 must take over and orasrv1 must stand down (give up the VIP and lighttpd, take
 * nothing): only one side serves. When the links come back, the partition heals without a
 * restart and without moving anything: orasrv2 keeps serving, no resource script runs on either
 * node, the client sees no outage.
 *
 * <p>Namespaces {@value #PREFIX}*; logs in {@code target/e2e-logs/SplitBrainIT}.
 */
class SplitBrainIT {
  static final String PREFIX = "jhb-sb-";
  static final Path LOG_DIR = Path.of("target", "e2e-logs", "SplitBrainIT");
  static final Duration MARGIN = Walkthrough.MARGIN;
  /**
   * Both nodes start together, so initdead only matters when the second daemon is slow to come
   * up on a loaded machine: a generous one keeps it from being declared dead at
   * start-up. A short deadtime keeps the test's CI share small.
   */
  static final Walkthrough.Timing TIMING = new Walkthrough.Timing(1, 6, 3, 30);

  @Test
  void sideWithoutPingNodeStandsDownAndHealMovesNothing() {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(NodeKind.JHEARTBEAT.available(), "needs bin/jheartbeat");
    assumeTrue(Httpd.installed(), "needs the Debian lighttpd package");
    Walkthrough.Timing timing = TIMING;
    TwoNodeLab lab;
    try (Walkthrough w = new Walkthrough(NodeKind.JHEARTBEAT, NodeKind.JHEARTBEAT, timing, PREFIX, LOG_DIR, "off",
        "", "split_brain_policy ping_quorum\n")) {
      lab = w.lab();
      ClusterNode n1 = w.node1();
      ClusterNode n2 = w.node2();
      n1.start();
      n2.start();
      Duration bound = Duration.ofSeconds(timing.initdead()).plus(MARGIN);
      Walkthrough.awaitStatus(n1, Walkthrough.N2, "active", bound);
      Walkthrough.awaitStatus(n2, Walkthrough.N1, "active", bound);
      w.client().awaitAnswer(Walkthrough.N1, bound.plus(MARGIN));
      w.assertServedBy(n1, n2);

      // partition: orasrv1 loses orasrv2 and the ping node
      Mark p1 = Walkthrough.mark(n1);
      Mark p2 = Walkthrough.mark(n2);
      Instant t = Instant.now();
      lab.cutLinks(Slot.N1);
      w.report("orasrv1's switch ports down");
      w.client().awaitAnswer(Walkthrough.N2, Duration.ofSeconds(timing.deadtime()).plus(MARGIN).plus(MARGIN));
      p1.await("node " + Pattern.quote(TwoNodeLab.PING_NODE_IP) + ": is dead", MARGIN);
      p1.await("standing down \\(split_brain_policy ping_quorum\\)", MARGIN);
      p1.await("CRIT: Giving up all HA resources: no ping node reachable", MARGIN);
      p1.await("resource\\.d/+httpd\\s+stop", MARGIN);
      Awaitility.await("orasrv1 released the VIP").atMost(MARGIN).pollInterval(Duration.ofMillis(250))
          .until(() -> !w.vipOn(n1));
      p2.await("mach_down takeover complete", MARGIN);
      Instant end = w.settle();
      assertThat(p2.since()).doesNotContain("standing down");
      assertThat(p1.since()).as("the side without the ping node takes nothing")
          .doesNotContainPattern("resource\\.d/+httpd\\s+start").doesNotContain("Resources being acquired");
      w.assertServedBy(n2, n1);
      w.record("partition: orasrv1 loses peer and ping node", t, end,
          "Heartbeat: both sides take over (duplicate VIP) until the heal restarts both (spec 5.7)");

      // heal: nothing moves, nothing restarts
      Mark h1 = Walkthrough.mark(n1);
      Mark h2 = Walkthrough.mark(n2);
      Instant th = Instant.now();
      lab.restoreLinks(Slot.N1);
      w.report("orasrv1's switch ports up");
      Walkthrough.awaitStatus(n1, Walkthrough.N2, "active", MARGIN.plus(MARGIN));
      Walkthrough.awaitStatus(n2, Walkthrough.N1, "active", MARGIN.plus(MARGIN));
      h1.await("Cluster node " + Pattern.quote(Walkthrough.N2) + " returning after partition", MARGIN);
      h2.await("Cluster node " + Pattern.quote(Walkthrough.N1) + " returning after partition", MARGIN);
      Instant healed = w.settle(Duration.ofSeconds(2L * timing.keepalive() + 6));
      w.assertNoOutage(th, healed, Walkthrough.N2, "after the heal");
      for (Mark m : new Mark[] {h1, h2}) {
        assertThat(m.since()).as("no restart storm on %s", m.node().name())
            .doesNotContainPattern("resource\\.d/+httpd\\s+(start|stop)")
            .doesNotContain("Heartbeat restart").doesNotContain("Giving up all HA resources");
      }
      w.assertServedBy(n2, n1);
      w.record("heal: one owner, nothing moves", th, healed, "Heartbeat: both restart, outage >= deadtime + 1 s");
    }
    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith(PREFIX));
    assertThat(lab.leftoverProcesses()).isEmpty();
  }
}
