package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tutorial's walkthrough ({@link Walkthrough}) with jheartbeat: two jheartbeat nodes (built-in
 * IPaddr), then a mixed cluster with the real Heartbeat 3.0.6 as node1 and jheartbeat as node2,
 * then swapped, with jheartbeat running Heartbeat's own IPaddr script from resource.d.
 * Each step is asserted from the client's view (which node answers on the VIP) and from both
 * logs; the client-observed outage of each step is printed (a measurement, not an assertion).
 * Logs are kept in {@code target/e2e-logs/FailoverWalkthroughIT/<pair>}.
 */
class FailoverWalkthroughIT {
  /** Unique to this class: no other test's namespace prefix starts with it or is a prefix of it. */
  static final String PREFIX = "jhb-fw-";
  static final Path LOG_DIR = Path.of("target", "e2e-logs", "FailoverWalkthroughIT");

  @ParameterizedTest(name = "node1 {0}, node2 {1}")
  @CsvSource({"JHEARTBEAT, JHEARTBEAT", "REAL, JHEARTBEAT", "JHEARTBEAT_SCRIPTS, REAL"})
  void walkthrough(NodeKind node1, NodeKind node2) {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(node1.available() && node2.available(), "needs the Debian heartbeat package and bin/jheartbeat");
    assumeTrue(Httpd.installed(), "needs the Debian lighttpd package");
    Walkthrough w = new Walkthrough(node1, node2, Walkthrough.Timing.fast(), PREFIX,
        LOG_DIR.resolve(node1 + "-" + node2));
    TwoNodeLab lab = w.lab();
    List<Walkthrough.StepResult> results;
    try (w) {
      results = w.runAll();
    }
    System.out.println("[FailoverWalkthroughIT] node1 " + node1 + ", node2 " + node2 + " (client view):");
    results.forEach(r -> System.out.println("[FailoverWalkthroughIT]   " + r));
    assertThat(results).hasSize(6);
    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith(PREFIX));
    assertThat(lab.leftoverProcesses()).as("processes left in the lab's namespaces").isEmpty();
  }
}
