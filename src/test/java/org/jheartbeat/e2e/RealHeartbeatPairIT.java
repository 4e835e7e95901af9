package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.TwoNodeLab.Slot;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.api.Test;

/**
 * Proves the end-to-end harness with two real Heartbeat 3.0.6 daemons (orasrv1, orasrv2;
 * {@code bcast eth1}, keepalive 1 s, deadtime 10 s, warntime 5 s, initdead 12 s, the tutorial's
 * md5 key, no resources): they see each other active with the link up; 20 % loss on orasrv1's
 * heartbeat switch port makes both log {@code lost packet(s)} while the cluster stays active;
 * cutting orasrv1's links makes orasrv2 declare it dead within deadtime plus a margin; and
 * afterwards no {@code jhb-e2e-} namespace and no heartbeat process is left. Timings are printed
 * (measurements, not assertions). Root and the Debian {@code heartbeat} package only.
 */
class RealHeartbeatPairIT {
  private static final String N1 = "orasrv1.xlk.com";
  private static final String N2 = "orasrv2.xlk.com";
  private static final int KEEPALIVE = 1;
  private static final int DEADTIME = 10;
  private static final int WARNTIME = 5;
  private static final int INITDEAD = 12;
  /** Slack for process start-up, the 250 ms dead-node check and our 200 ms polling. */
  private static final Duration MARGIN = Duration.ofSeconds(5);
  private static final Duration LOSS_PHASE = Duration.ofSeconds(20);
  /** At 20 % loss and one heartbeat a second, gaps in both directions are near-certain well within this. */
  private static final Duration LOSS_PHASE_MAX = Duration.ofSeconds(40);

  /** Where the nodes' logs are kept after the run (the nodes' own directories are deleted). */
  private static final Path LOG_DIR = Path.of("target", "e2e-logs", "RealHeartbeatPairIT");

  static final String AUTHKEYS = "auth 1\n1 md5 74a6a503b5bec9373b22bb630608df41\n";

  static String haCf() {
    return "logfile /var/log/ha-log\n"
        + "keepalive " + KEEPALIVE + "\n"
        + "deadtime " + DEADTIME + "\n"
        + "warntime " + WARNTIME + "\n"
        + "initdead " + INITDEAD + "\n"
        + "udpport 694\n"
        + "bcast eth1\n"
        + "auto_failback off\n"
        + "node " + N1 + "\n"
        + "node " + N2 + "\n";
  }

  @Test
  void twoRealHeartbeatsFormAClusterSurviveLossAndDetectACut() {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(RealHeartbeatNode.installed(), "needs the Debian heartbeat package");
    long t0 = System.nanoTime();
    Set<Long> ours = new HashSet<>();
    TwoNodeLab theLab = new TwoNodeLab();
    try (TwoNodeLab lab = theLab;
         RealHeartbeatNode n1 = new RealHeartbeatNode(lab, Slot.N1, N1, haCf(), AUTHKEYS, "");
         RealHeartbeatNode n2 = new RealHeartbeatNode(lab, Slot.N2, N2, haCf(), AUTHKEYS, "")) {
      try {
        report("lab + holders ready", t0);
        assertThat(n1.exec(Duration.ofSeconds(5), "uname", "-n").stdout().strip()).isEqualTo(N1);
        assertThat(n1.exec(Duration.ofSeconds(10), "ping", "-c1", "-W2", TwoNodeLab.PING_NODE_IP).exit())
            .as("ping node answers").isZero();

        // 1. Both up and active for each other, link eth1 up.
        long tStart = System.nanoTime();
        n1.start();
        n2.start();
        awaitStatus(n1, N2, "active", Duration.ofSeconds(INITDEAD).plus(MARGIN));
        awaitStatus(n2, N1, "active", Duration.ofSeconds(INITDEAD).plus(MARGIN));
        report("both active", tStart);
        ours.addAll(n1.nodeProcesses());
        ours.addAll(n2.nodeProcesses());
        assertThat(n1.linkStatus(N2, "eth1")).isEqualTo("up");
        assertThat(n2.linkStatus(N1, "eth1")).isEqualTo("up");

        // 2. 20 % loss on n1's heartbeat port: gaps logged on both sides, nobody declared dead.
        long tLoss = System.nanoTime();
        lab.loss(Slot.N1, 20);
        String lost1 = n1.awaitLog("lost packet\\(s\\) for \\[" + N2 + "\\]", LOSS_PHASE_MAX);
        report("n1 logged: " + lost1, tLoss);
        String lost2 = n2.awaitLog("lost packet\\(s\\) for \\[" + N1 + "\\]", LOSS_PHASE_MAX);
        report("n2 logged: " + lost2, tLoss);
        long left = LOSS_PHASE.toNanos() - (System.nanoTime() - tLoss);
        if (left > 0) {
          sleep(Duration.ofNanos(left));
        }
        Map<String, Long> dropped = lab.dropCounters();
        lab.clearLoss();
        report("loss off; dropped " + dropped + "; lost-packet lines n1=" + n1.countLog("lost packet")
            + " n2=" + n2.countLog("lost packet"), tLoss);
        assertThat(dropped.values().stream().mapToLong(Long::longValue).sum()).isPositive();
        assertThat(n1.log()).doesNotContain("is dead");
        assertThat(n2.log()).doesNotContain("is dead");
        assertThat(n1.nodeStatus(N2)).isEqualTo("active");
        assertThat(n2.nodeStatus(N1)).isEqualTo("active");

        // 3. Cut n1 off: n2 declares it dead within deadtime + margin.
        long tCut = System.nanoTime();
        lab.cutLinks(Slot.N1);
        n2.awaitLog("node " + N1 + ": is dead", Duration.ofSeconds(DEADTIME).plus(MARGIN));
        report("n2 declared n1 dead after cut (deadtime " + DEADTIME + " s)", tCut);
        // The real daemon logs the death before its API reports it (seen once: 'up' right after
        // the log line), so cl_status is polled, briefly.
        awaitStatus(n2, N1, "dead", MARGIN);
        Awaitility.await("link eth1 of " + N1 + " dead").atMost(MARGIN).pollInterval(Duration.ofMillis(250))
            .until(() -> "dead".equals(n2.linkStatus(N1, "eth1")));

        ours.addAll(n1.nodeProcesses());
        ours.addAll(n2.nodeProcesses());
        long tStop = System.nanoTime();
        n2.stop();
        report("graceful stop of n2", tStop);
        assertThat(n2.nodeProcesses()).isEmpty();
        long tKill = System.nanoTime();
        n1.powerOff(lab);
        report("power-off (kill9) of n1", tKill);
        assertThat(n1.nodeProcesses()).isEmpty();
      } finally {
        n1.saveLog(LOG_DIR);
        n2.saveLog(LOG_DIR);
      }
    }
    report("total incl. cleanup", t0);

    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith(TwoNodeLab.DEFAULT_PREFIX));
    // Other tests may run their own heartbeats concurrently in their namespaces: count only ours.
    assertThat(theLab.leftoverProcesses()).as("processes left in the lab's namespaces").isEmpty();
    assertThat(ours).as("heartbeat processes seen in the nodes").isNotEmpty();
    assertThat(heartbeatPids()).as("heartbeat processes of the test still alive").doesNotContainAnyElementsOf(ours);
  }

  private static void awaitStatus(ClusterNode node, String peer, String status, Duration atMost) {
    Awaitility.await(node.name() + " sees " + peer + " " + status).atMost(atMost)
        .pollInterval(Duration.ofMillis(250)).pollDelay(Duration.ZERO)
        .until(() -> status.equals(node.nodeStatus(peer)));
  }

  /** Live processes running the real heartbeat binary (any namespace). */
  static Set<Long> heartbeatPids() {
    String exe = RealHeartbeatNode.DAEMON.toString();
    return ProcessHandle.allProcesses()
        .filter(h -> h.info().command().map(exe::equals).orElse(false))
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }

  private static void report(String what, long sinceNanos) {
    System.out.printf("[RealHeartbeatPairIT] %-60s %7d ms%n", what, (System.nanoTime() - sinceNanos) / 1_000_000);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
