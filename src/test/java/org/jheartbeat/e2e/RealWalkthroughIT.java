package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's walkthrough ({@link Walkthrough}: node1 alone, node2 joins, graceful stop,
 * rejoin + hb_standby, power-off of the active node) with two real Heartbeat 3.0.6 nodes serving
 * a real lighttpd behind the VIP, measured by a client polling the VIP every 20 ms. It proves the
 * harness against the reference daemon; the measured outages are printed next to the golden
 * traces' figures. Logs (ha-logs, client.log, httpd script logs, results.env) are kept in
 * {@code target/e2e-logs/RealWalkthroughIT}. Root, the Debian {@code heartbeat} and
 * {@code lighttpd} packages only.
 */
class RealWalkthroughIT {
  /** Unique to this class: no other test's namespace prefix starts with it or is a prefix of it. */
  static final String PREFIX = "jhb-wk-";
  static final Path LOG_DIR = Path.of("target", "e2e-logs", "RealWalkthroughIT");

  @Test
  void walkthroughWithTwoRealHeartbeats() {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(NodeKind.REAL.available(), "needs the Debian heartbeat package");
    assumeTrue(Httpd.installed(), "needs the Debian lighttpd package");
    Walkthrough w = new Walkthrough(NodeKind.REAL, NodeKind.REAL, Walkthrough.Timing.fast(), PREFIX, LOG_DIR);
    TwoNodeLab lab = w.lab();
    List<Walkthrough.StepResult> results;
    try (w) {
      results = w.runAll();
    }
    System.out.println("[RealWalkthroughIT] measured (client view) vs the golden traces:");
    results.forEach(r -> System.out.println("[RealWalkthroughIT]   " + r));
    assertThat(results).hasSize(6);
    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith(PREFIX));
    assertThat(lab.leftoverProcesses()).as("processes left in the lab's namespaces").isEmpty();
  }
}
