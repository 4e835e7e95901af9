package org.jheartbeat.cts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jheartbeat.e2e.Httpd;
import org.jheartbeat.e2e.NodeKind;
import org.jheartbeat.e2e.TwoNodeLab;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.api.Test;

/**
 * The CTS-equivalent suite on real daemons (see {@link CtsRunner}). In CI it runs a seeded random
 * selection fitting {@value #DEFAULT_BUDGET_S} s; {@code scripts/cts} runs longer ones. System
 * properties: {@code jheartbeat.cts.seed} (default: the clock; printed first, so a failure can be
 * replayed), {@code jheartbeat.cts.iterations} (a number of tests instead of the budget),
 * {@code jheartbeat.cts.budget} (seconds), {@code jheartbeat.cts.tests} (comma-separated names),
 * {@code jheartbeat.cts.peer} ({@code jheartbeat}, or {@code real}: orasrv2 is the real Heartbeat
 * 3.0.6). The report goes to the output and to {@code target/cts/report.txt}; the logs of failed
 * tests to {@code target/cts/NNN-Test/}.
 */
class CtsIT {
  static final long DEFAULT_BUDGET_S = 160;
  static final Path LOG_DIR = Path.of("target", "cts");

  @Test
  void suite() throws IOException {
    CtsRunner.Settings s = settings();
    NodeKind peer = s.peer().equals("real") ? NodeKind.REAL : NodeKind.JHEARTBEAT;
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(NodeKind.JHEARTBEAT.available() && peer.available(), "needs bin/jheartbeat and " + peer);
    assumeTrue(Httpd.installed(), "needs the Debian lighttpd package");
    String header = "[CTS] " + s.describe()
        + "\n[CTS] replay: scripts/cts --seed " + s.seed() + " (with the same --tests/--iterations/--peer)";
    System.out.println(header);
    deleteTree(LOG_DIR); // the logs of an earlier run's failures would be mistaken for this run's
    long perTest = 120;
    Duration clientMax = s.iterations() > 0 ? Duration.ofSeconds(perTest * s.iterations() + 600)
        : s.budget().plusMinutes(10);
    List<CtsResult> results;
    TwoNodeLab lab;
    try (CtsCluster c = new CtsCluster(peer, LOG_DIR, clientMax)) {
      lab = c.lab();
      results = new CtsRunner(s).run(c);
    }
    String report = CtsReport.render(header, results);
    System.out.println(report);
    Files.writeString(LOG_DIR.resolve("report.txt"), report);

    assertThat(Netns.list()).as("namespaces left").noneMatch(ns -> ns.startsWith(CtsCluster.PREFIX));
    assertThat(lab.leftoverProcesses()).as("processes left in the lab's namespaces").isEmpty();
    assertThat(results).as("tests run").isNotEmpty();
    assertThat(results.stream().filter(r -> !r.passed()).map(CtsResult::row).toList())
        .as("failed CTS tests (seed %d)", s.seed()).isEmpty();
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static CtsRunner.Settings settings() {
    String seed = System.getProperty("jheartbeat.cts.seed", "");
    String tests = System.getProperty("jheartbeat.cts.tests", "");
    String peer = System.getProperty("jheartbeat.cts.peer", "jheartbeat");
    if (!peer.equals("jheartbeat") && !peer.equals("real")) {
      throw new IllegalArgumentException("jheartbeat.cts.peer must be jheartbeat or real: " + peer);
    }
    CtsRunner.Settings s = new CtsRunner.Settings(
        seed.isBlank() ? System.currentTimeMillis() : Long.parseLong(seed.strip()),
        Integer.parseInt(System.getProperty("jheartbeat.cts.iterations", "0").strip()),
        Duration.ofSeconds(Long.parseLong(System.getProperty("jheartbeat.cts.budget", "" + DEFAULT_BUDGET_S).strip())),
        Arrays.stream(tests.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList(),
        peer);
    CtsRunner.select(s.tests());
    return s;
  }
}
