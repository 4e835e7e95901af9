package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.Walkthrough.Mark;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Resource monitoring end to end, on the {@link Walkthrough} lab (VIP {@value VipClient#VIP} +
 * lighttpd as the LSB resource {@code httpd}, {@link Walkthrough.Timing#fast()}): orasrv1 is
 * jheartbeat with the monitors file {@value #MONITORS}; orasrv2 is jheartbeat or the real
 * Heartbeat 3.0.6 (which never reads the file). orasrv1 serves; lighttpd is killed with SIGKILL
 * behind the daemon's back:
 *
 * <ol>
 *   <li>the first time, the monitor sees it stopped, restarts httpd in place (the VIP stays) and
 *       the client sees a short outage, then orasrv1 again;</li>
 *   <li>the second time the fail count reaches the threshold: orasrv1 runs the standby handshake
 *       of its local set, as {@code hb_standby local} would, and orasrv2 — either daemon — takes
 *       the group over; the client ends on orasrv2.</li>
 * </ol>
 *
 * Each step prints the client-observed outage. Namespaces {@value #PREFIX}*; logs in
 * {@code target/e2e-logs/MonitorIT/<pair>}.
 */
class MonitorIT {
  static final String PREFIX = "jhb-mon-";
  static final Path LOG_DIR = Path.of("target", "e2e-logs", "MonitorIT");
  static final String MONITORS = "httpd interval=1s timeout=5s on-fail=restart threshold=2 expire=10min";
  static final Duration MARGIN = Walkthrough.MARGIN;
  static final String N1 = Walkthrough.N1;
  static final String N2 = Walkthrough.N2;

  @ParameterizedTest(name = "orasrv1 jheartbeat, orasrv2 {0}")
  @CsvSource({"JHEARTBEAT", "REAL"})
  void killedHttpdIsRestartedThenMovedPastTheThreshold(NodeKind peer) throws IOException {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(NodeKind.JHEARTBEAT.available() && peer.available(), "needs " + peer);
    assumeTrue(Httpd.installed(), "needs the Debian lighttpd package");
    Path logDir = LOG_DIR.resolve("jheartbeat-" + peer);
    Walkthrough w = new Walkthrough(NodeKind.JHEARTBEAT, peer, Walkthrough.Timing.fast(), PREFIX, logDir, "off", "");
    TwoNodeLab lab = w.lab();
    try (w) {
      ClusterNode n1 = w.node1();
      ClusterNode n2 = w.node2();
      Files.writeString(n1.configDir().resolve("monitors"), MONITORS + "\n");
      Files.writeString(n2.configDir().resolve("monitors"), MONITORS + "\n");
      w.nodeOneStartsAlone();
      w.nodeTwoJoins();

      // 1: killed once -> restarted in place, the VIP stays on orasrv1
      Mark m1 = Walkthrough.mark(n1);
      Instant t = Instant.now();
      killLighttpd(n1);
      m1.await("WARN: Resource httpd monitor failed: not running \\(rc=\\d+\\): httpd is stopped \\[group IPaddr::"
          + Pattern.quote(VipClient.VIP) + "/24/eth0, failcount=1, threshold=2, on-fail=restart\\]", MARGIN);
      m1.await("Restarting resource httpd of group .* in place \\(failcount=1, threshold=2\\)", MARGIN);
      m1.await("resource\\.d/+httpd\\s+start", MARGIN);
      m1.await("Resource httpd restarted in place", MARGIN);
      awaitAnswerAfter(w, N1, t);
      Instant end = w.settle();
      VipClient.Outage o = w.client().outage(t, end);
      assertThat(o.before()).isEqualTo(N1);
      assertThat(o.after()).isEqualTo(N1);
      assertThat(o.recovered()).isTrue();
      assertThat(m1.since()).as("the VIP is not touched by the restart")
          .doesNotContainPattern("Releasing resource group: \\S+ IPaddr");
      w.assertServedBy(n1, n2);
      w.record("M1 httpd killed once: restarted in place", t, end, "no trace (jheartbeat addition)");
      assertThat(statusJson(lab, n1)).contains("\"resource\" : \"httpd\"", "\"failCount\" : 1",
          "\"lastFailureText\" : \"not running (rc=");

      // 2: killed again -> threshold 2 reached -> standby handshake, orasrv2 takes the group
      m1.await("Resource httpd monitor: running again", MARGIN);
      m1 = Walkthrough.mark(n1);
      Mark m2 = Walkthrough.mark(n2);
      t = Instant.now();
      killLighttpd(n1);
      m1.await("Resource httpd reached its failure threshold \\(failcount=2, threshold=2\\): failing over \\[local\\]"
          + " resources \\(standby\\)", MARGIN);
      m1.await("Going standby \\[local\\]", MARGIN);
      m1.await("give up local HA resources \\(standby\\)", MARGIN);
      m2.await(Pattern.quote(N1) + " wants to go standby \\[local\\]", MARGIN);
      m2.await("resource\\.d/+httpd\\s+start", MARGIN);
      w.client().awaitAnswer(N2, MARGIN.plus(MARGIN));
      end = w.settle();
      o = w.client().outage(t, end);
      assertThat(o.before()).isEqualTo(N1);
      assertThat(o.after()).isEqualTo(N2);
      assertThat(o.flips()).isZero();
      w.assertServedBy(n2, n1);
      w.record("M2 httpd killed past the threshold: moved", t, end, "standby handshake, like hb_standby (04)");
      assertThat(statusJson(lab, n1)).contains("\"failCount\" : 2", "\"state\" : \"inactive\"");
    } finally {
      System.out.println("[MonitorIT] orasrv1 jheartbeat, orasrv2 " + peer + " (client view):");
      w.results().forEach(r -> System.out.println("[MonitorIT]   " + r));
    }
    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith(PREFIX));
    assertThat(lab.leftoverProcesses()).as("processes left in the lab's namespaces").isEmpty();
  }

  /** SIGKILL to the lighttpd that the node's httpd script started (its pid file). */
  private static void killLighttpd(ClusterNode node) {
    try {
      long pid = Long.parseLong(Files.readString(Httpd.pidFile(node.configDir())).strip());
      ProcessHandle h = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("lighttpd " + pid + " is gone"));
      assertThat(h.info().command()).hasValueSatisfying(c -> assertThat(c).endsWith("lighttpd"));
      h.destroyForcibly();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for an answer from {@code node} to a poll that started after {@code since}. */
  private static void awaitAnswerAfter(Walkthrough w, String node, Instant since) {
    Awaitility.await("client answered by " + node + " after the kill").atMost(MARGIN)
        .pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ofMillis(300))
        .until(() -> w.client().polls().stream().anyMatch(p -> p.start().isAfter(since) && !p.ok())
            && w.client().polls().stream().filter(p -> p.start().isAfter(since)).reduce((a, b) -> b)
                .map(p -> p.ok() && node.equals(p.answer())).orElse(false));
  }

  /** {@code jheartbeat status --json} of a jheartbeat node, run in its namespace. */
  private static String statusJson(TwoNodeLab lab, ClusterNode node) {
    JheartbeatNode j = (JheartbeatNode) node;
    Path bin = Path.of(System.getProperty("jheartbeat.home", ".")).toAbsolutePath().normalize()
        .resolve("bin/jheartbeat");
    Netns.Result r = lab.net().run(lab.ns(j.slot()), Duration.ofSeconds(30), bin.toString(), "status",
        "--run-dir", j.runDir().toString(), "--json");
    return r.stdout();
  }
}
