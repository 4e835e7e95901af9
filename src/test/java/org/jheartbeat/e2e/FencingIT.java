package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.Walkthrough.Mark;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * STONITH in namespaces (issue 8): two jheartbeat nodes with {@code stonith_host *
 * external/jhb-netns ...} ({@link StonithPlugin}, through cluster-glue's {@code stonith}
 * command). The active node's daemon is SIGKILLed — its VIP and lighttpd keep running, the case
 * where a takeover without fencing gives two VIP owners. The survivor must reset it ({@code
 * Resetting node X with [external/jhb-netns]}, {@code node X now reset.}) before it acquires
 * anything, and afterwards only it holds the VIP and serves the client. The survivor is a
 * jheartbeat node, or the real Heartbeat 3.0.6 (same ha.cf line, same plugin): the mixed pair
 * shows that the real daemon fences a jheartbeat node with the configuration and log lines
 * jheartbeat uses.
 *
 * <p>Namespaces {@value #PREFIX}*; logs in {@code target/e2e-logs/FencingIT}.
 */
class FencingIT {
  static final String PREFIX = "jhb-fen-";
  static final Path LOG_DIR = Path.of("target", "e2e-logs", "FencingIT");
  static final Duration MARGIN = Walkthrough.MARGIN;
  /**
   * Both nodes start together, so initdead only matters when the second daemon is slow to come
   * up on a loaded machine: a generous one keeps it from being declared dead (and reset) at
   * start-up. A short deadtime keeps the test's CI share small.
   */
  static final Walkthrough.Timing TIMING = new Walkthrough.Timing(1, 6, 3, 30);

  @ParameterizedTest(name = "survivor {0}")
  @EnumSource(value = NodeKind.class, names = {"JHEARTBEAT", "REAL"})
  void crashedNodeIsFencedBeforeTakeover(NodeKind survivor) throws java.io.IOException {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(NodeKind.JHEARTBEAT.available(), "needs bin/jheartbeat");
    assumeTrue(survivor.available(), "needs " + survivor);
    assumeTrue(Httpd.installed(), "needs the Debian lighttpd package");
    assumeTrue(StonithPlugin.available(), "needs the Debian cluster-glue package (stonith) and unshare");
    Walkthrough.Timing timing = TIMING;
    TwoNodeLab lab;
    try (StonithPlugin plugin = StonithPlugin.install();
        Walkthrough w = new Walkthrough(NodeKind.JHEARTBEAT, survivor, timing, PREFIX, LOG_DIR.resolve(survivor.name()), "off",
            "", StonithPlugin.stonithHost(PREFIX))) {
      lab = w.lab();
      JheartbeatNode n1 = (JheartbeatNode) w.node1();
      ClusterNode n2 = w.node2();
      n1.launchWith(plugin.launcher());
      if (n2 instanceof JheartbeatNode j) {
        j.launchWith(plugin.launcher());
      } else {
        plugin.mountInto((RealHeartbeatNode) n2);
        // the jheartbeat node also runs ping_quorum: the real peer gets its jhb-quorum messages
        java.nio.file.Files.writeString(n1.configDir().resolve("ha.cf"), w.haCf() + "split_brain_policy ping_quorum\n");
      }
      // Together: a peer never heard at initdead would be reset at start-up, as Heartbeat does.
      n1.start();
      n2.start();
      Duration bound = Duration.ofSeconds(timing.initdead()).plus(MARGIN);
      Walkthrough.awaitStatus(n1, Walkthrough.N2, "active", bound);
      Walkthrough.awaitStatus(n2, Walkthrough.N1, "active", bound);
      w.client().awaitAnswer(Walkthrough.N1, bound.plus(MARGIN));
      // orasrv2 must have heard orasrv1's stable report: a peer whose last word was "none" is not
      // reset by the real daemon (spec 5.6), and orasrv1 says "none" until its group runs
      n1.awaitLog("local resource transition completed", MARGIN);
      w.settle(Duration.ofSeconds(2));
      w.assertServedBy(n1, n2);
      if (survivor == NodeKind.REAL) {
        // n1 sent t=jhb-quorum when n2 became active and when the ping node answered
        assertThat(n2.log()).as("the real daemon accepts jheartbeat's jhb-quorum messages silently")
            .doesNotContain("jhb-quorum").doesNotContain("ERROR: MSG").doesNotContain("Bad packet");
      }

      Mark m2 = Walkthrough.mark(n2);
      Instant t = Instant.now();
      n1.kill9();
      w.report("orasrv1's daemon SIGKILLed (VIP and lighttpd stay)");
      w.client().awaitAnswer(Walkthrough.N2, Duration.ofSeconds(timing.deadtime()).plus(MARGIN).plus(MARGIN));
      Instant end = w.settle();
      String n1q = Pattern.quote(Walkthrough.N1);
      m2.await("node " + n1q + ": is dead", MARGIN);
      // jheartbeat names the device by its type; the real daemon by the plugin's getinfo-devid text
      String device = survivor == NodeKind.JHEARTBEAT ? Pattern.quote("[" + StonithPlugin.TYPE + "]") : "\\[jhb-netns";
      m2.await("Resetting node " + n1q + " with " + device, MARGIN);
      m2.await("node " + n1q + " now reset\\.", MARGIN);
      m2.await("mach_down takeover complete", MARGIN);
      String log = m2.since();
      assertThat(log.indexOf("Resetting node")).isLessThan(log.indexOf("now reset."));
      assertThat(log.indexOf("now reset.")).as("reset before takeover:\n%s", log)
          .isLessThan(log.indexOf("Resources being acquired from"));
      assertThat(log).doesNotContain("No STONITH device configured").doesNotContain("STONITH of");
      Awaitility.await("orasrv1's lighttpd and VIP gone").atMost(MARGIN).pollInterval(Duration.ofMillis(250))
          .until(() -> !w.vipOn(n1) && Netns.exec(java.util.List.of("ip", "netns", "pids", lab.ns(n1.slot())),
              Duration.ofSeconds(10)).stdout().isBlank());
      w.assertServedBy(n2, n1);
      Walkthrough.StepResult r = w.record("fenced crash of orasrv1 (daemon SIGKILL)", t, end,
          "Heartbeat resets the node before takeover when a device is configured (spec 5.6)");
      assertThat(r.outage().after()).isEqualTo(Walkthrough.N2);
      assertThat(r.outage().flips()).as("no flapping between two VIP owners").isZero();
    }
    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith(PREFIX));
    assertThat(lab.leftoverProcesses()).isEmpty();
  }
}
