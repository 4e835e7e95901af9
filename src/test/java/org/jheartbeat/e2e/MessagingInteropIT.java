package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.TwoNodeLab.Slot;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Messaging between a jheartbeat node and a real Heartbeat 3.0.6 node (and between two
 * jheartbeat nodes) in network namespaces, no resources: over bcast, ucast and mcast with md5,
 * sha1 and crc, each sees the other active with its links up and neither log has an
 * authentication or format complaint or a lost packet left unrecovered; under 20 % loss both
 * sides log gaps and recover them by retransmission; with different keys neither accepts the
 * other and both say why. Timings are printed, not asserted.
 */
class MessagingInteropIT {
  static final String N1 = "orasrv1.xlk.com";
  static final String N2 = "orasrv2.xlk.com";
  private static final Duration JOIN = Duration.ofSeconds(30);
  private static final Path LOGS = Path.of("target", "e2e-logs", "MessagingInteropIT");
  /** Lines the real daemon logs in every namespace run, unrelated to the peer. */
  private static final Pattern HARMLESS = Pattern.compile(
      "Cannot chdir to \\[/var/lib/heartbeat/cores\\]|Cannot lock ourselves into memory|Core dumps could be lost");
  /** How both daemons say they rejected a packet signed with another key. */
  private static final String AUTH_FAILURE = "authtoken does not match";
  private static final Pattern COMPLAINT = Pattern.compile(
      "ERROR|CRIT|authenticat|authtoken|lost packet|bad node|replay|Illegal|string2msg|NV failure");
  private static final Pattern LOST = Pattern.compile("lost packet\\(s\\) for \\[([^]]+)]");

  static String haCf(String medium, int keepalive) {
    String media = switch (medium) {
      case "bcast" -> "bcast eth1\n";
      case "ucast" -> "ucast eth1 " + Slot.N1.heartbeatIp() + "\nucast eth1 " + Slot.N2.heartbeatIp() + "\n";
      case "mcast" -> "mcast eth1 239.77.0.1 694 1 0\n";
      default -> throw new IllegalArgumentException(medium);
    };
    return "logfile /var/log/ha-log\nkeepalive " + keepalive + "\ndeadtime 10\nwarntime 5\ninitdead 12\n"
        + "udpport 694\n" + media + "auto_failback off\nnode " + N1 + "\nnode " + N2 + "\n";
  }

  static String keys(String method) {
    return switch (method) {
      case "crc" -> "auth 1\n1 crc\n";
      case "md5" -> "auth 1\n1 md5 74a6a503b5bec9373b22bb630608df41\n";
      case "sha1" -> "auth 2\n2 sha1 jheartbeat-interop-secret\n";
      default -> throw new IllegalArgumentException(method);
    };
  }

  private static void assumeRunnable(NodeKind a, NodeKind b) {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    assumeTrue(a.available() && b.available(), "needs the Debian heartbeat package and bin/jheartbeat");
  }

  @ParameterizedTest(name = "{0} + {1} over {2} with {3}")
  @CsvSource({
    "REAL, JHEARTBEAT, bcast, md5",
    "JHEARTBEAT, REAL, ucast, sha1",
    "REAL, JHEARTBEAT, mcast, crc",
    "JHEARTBEAT, JHEARTBEAT, bcast, sha1",
    "JHEARTBEAT, JHEARTBEAT, ucast, crc",
    "JHEARTBEAT, JHEARTBEAT, mcast, md5"
  })
  void nodesSeeEachOtherActiveWithLinksUp(NodeKind k1, NodeKind k2, String medium, String auth) {
    assumeRunnable(k1, k2);
    String name = k1 + "-" + k2 + "-" + medium + "-" + auth;
    try (TwoNodeLab lab = new TwoNodeLab("jhb-mi-", false, false, 694);
        ClusterNode n1 = k1.create(lab, Slot.N1, N1, haCf(medium, 1), keys(auth), "");
        ClusterNode n2 = k2.create(lab, Slot.N2, N2, haCf(medium, 1), keys(auth), "")) {
      try {
        long t0 = System.nanoTime();
        n1.start();
        n2.start();
        awaitStatus(n1, N2, "active");
        awaitStatus(n2, N1, "active");
        report(name, "both active", t0);
        assertThat(n1.linkStatus(N2, "eth1")).isEqualTo("up");
        assertThat(n2.linkStatus(N1, "eth1")).isEqualTo("up");
        sleep(Duration.ofSeconds(5));
        assertThat(n1.nodeStatus(N2)).isEqualTo("active");
        assertThat(n2.nodeStatus(N1)).isEqualTo("active");
        for (Slot slot : List.of(Slot.N1, Slot.N2)) {
          ClusterNode n = slot == Slot.N1 ? n1 : n2;
          assertThat(complaints(n)).as(() -> n.name() + " (" + n.getClass().getSimpleName() + ") log; "
              + udpCounters(lab, slot)).isEmpty();
        }
      } finally {
        n1.saveLog(LOGS.resolve(name));
        n2.saveLog(LOGS.resolve(name));
      }
    }
  }

  @ParameterizedTest(name = "{0} + {1}: ping node")
  @CsvSource({"REAL, JHEARTBEAT", "JHEARTBEAT, JHEARTBEAT"})
  void bothSeeThePingNodeThroughSignedIcmpEchoes(NodeKind k1, NodeKind k2) {
    assumeRunnable(k1, k2);
    String name = k1 + "-" + k2 + "-ping";
    String haCf = haCf("bcast", 1) + "ping " + TwoNodeLab.PING_NODE_IP + "\n";
    try (TwoNodeLab lab = new TwoNodeLab("jhb-mi-", true, false, 694);
        ClusterNode n1 = k1.create(lab, Slot.N1, N1, haCf, keys("sha1"), "");
        ClusterNode n2 = k2.create(lab, Slot.N2, N2, haCf, keys("sha1"), "")) {
      try {
        n1.start();
        n2.start();
        awaitStatus(n1, N2, "active");
        awaitStatus(n2, N1, "active");
        awaitStatus(n1, TwoNodeLab.PING_NODE_IP, "ping");
        awaitStatus(n2, TwoNodeLab.PING_NODE_IP, "ping");
        assertThat(n2.linkStatus(TwoNodeLab.PING_NODE_IP, TwoNodeLab.PING_NODE_IP)).isEqualTo("up");
        n2.awaitLog("Status update for node " + Pattern.quote(TwoNodeLab.PING_NODE_IP) + ": status ping", JOIN);
        for (ClusterNode n : List.of(n1, n2)) {
          assertThat(complaints(n)).as(n.name() + " log").isEmpty();
        }
      } finally {
        n1.saveLog(LOGS.resolve(name));
        n2.saveLog(LOGS.resolve(name));
      }
    }
  }

  @ParameterizedTest(name = "{0} + {1}: 20 % loss")
  @CsvSource({"REAL, JHEARTBEAT", "JHEARTBEAT, JHEARTBEAT"})
  void underLossBothSidesLogGapsAndRecoverThem(NodeKind k1, NodeKind k2) {
    assumeRunnable(k1, k2);
    String name = k1 + "-" + k2 + "-loss";
    // keepalive 500 ms: twice the packets of the join tests, so gaps come quickly.
    String haCf = haCf("bcast", 1).replace("keepalive 1\n", "keepalive 500ms\n");
    try (TwoNodeLab lab = new TwoNodeLab("jhb-mi-", false, false, 694);
        ClusterNode n1 = k1.create(lab, Slot.N1, N1, haCf, keys("md5"), "");
        ClusterNode n2 = k2.create(lab, Slot.N2, N2, haCf, keys("md5"), "")) {
      try {
        n1.start();
        n2.start();
        awaitStatus(n1, N2, "active");
        awaitStatus(n2, N1, "active");
        long t0 = System.nanoTime();
        lab.loss(Slot.N1, 20);
        n1.awaitLog("lost packet\\(s\\) for \\[" + N2 + "\\]", Duration.ofSeconds(60));
        n2.awaitLog("lost packet\\(s\\) for \\[" + N1 + "\\]", Duration.ofSeconds(60));
        report(name, "both logged gaps; dropped " + lab.dropCounters(), t0);
        lab.clearLoss();
        n1.awaitLog("No pkts missing from " + N2 + "!", Duration.ofSeconds(20));
        n2.awaitLog("No pkts missing from " + N1 + "!", Duration.ofSeconds(20));
        report(name, "both recovered every gap", t0);
        assertThat(n1.log()).doesNotContain("is dead");
        assertThat(n2.log()).doesNotContain("is dead");
        assertThat(n1.nodeStatus(N2)).isEqualTo("active");
        assertThat(n2.nodeStatus(N1)).isEqualTo("active");
      } finally {
        n1.saveLog(LOGS.resolve(name));
        n2.saveLog(LOGS.resolve(name));
      }
    }
  }

  @ParameterizedTest(name = "{0} + {1}: different keys")
  @CsvSource({"REAL, JHEARTBEAT", "JHEARTBEAT, REAL", "JHEARTBEAT, JHEARTBEAT"})
  void withDifferentKeysNeitherAcceptsTheOtherAndBothSayWhy(NodeKind k1, NodeKind k2) {
    assumeRunnable(k1, k2);
    String name = k1 + "-" + k2 + "-wrongkey";
    String other = "auth 1\n1 md5 0badbadbadbadbadbadbadbadbadbad0\n";
    try (TwoNodeLab lab = new TwoNodeLab("jhb-mi-", false, false, 694);
        ClusterNode n1 = k1.create(lab, Slot.N1, N1, haCf("bcast", 1), keys("md5"), "");
        ClusterNode n2 = k2.create(lab, Slot.N2, N2, haCf("bcast", 1), other, "")) {
      try {
        n1.start();
        n2.start();
        n1.awaitLog(AUTH_FAILURE, Duration.ofSeconds(15));
        n2.awaitLog(AUTH_FAILURE, Duration.ofSeconds(15));
        n1.awaitLog("node " + N2 + ": is dead", JOIN);
        n2.awaitLog("node " + N1 + ": is dead", JOIN);
        assertThat(n1.nodeStatus(N2)).isEqualTo("dead");
        assertThat(n2.nodeStatus(N1)).isEqualTo("dead");
        assertThat(n1.log()).doesNotContain("Status update for node " + N2);
        assertThat(n2.log()).doesNotContain("Status update for node " + N1);
      } finally {
        n1.saveLog(LOGS.resolve(name));
        n2.saveLog(LOGS.resolve(name));
      }
    }
  }

  /**
   * The complaint lines of {@code n}'s log, except a lost-packet line whose gap the same log
   * later reports filled ({@code No pkts missing from X!}): UDP may drop a datagram even between
   * two namespaces (seen once in CI, at start-up), and recovering it by retransmission is the
   * protocol working. Such a recovered gap is printed, not hidden.
   */
  private static List<String> complaints(ClusterNode n) {
    List<String> lines = n.log().lines().toList();
    List<String> complaints = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!COMPLAINT.matcher(line).find() || HARMLESS.matcher(line).find()) {
        continue;
      }
      Matcher lost = LOST.matcher(line);
      String filled = lost.find() ? "No pkts missing from " + lost.group(1) + "!" : null;
      if (filled != null && lines.subList(i + 1, lines.size()).stream().anyMatch(l -> l.contains(filled))) {
        System.out.printf("MessagingInteropIT: %s recovered a lost packet: %s%n", n.name(), line);
      } else {
        complaints.add(line);
      }
    }
    return complaints;
  }

  /**
   * The kernel's UDP counters in a node's namespace ({@code /proc/net/snmp}): when a log shows a
   * lost packet, they tell a datagram the kernel dropped (RcvbufErrors, InErrors) from one that
   * never arrived or that the daemon dropped.
   */
  private static String udpCounters(TwoNodeLab lab, Slot slot) {
    String snmp = lab.net().run(lab.ns(slot), Duration.ofSeconds(5), "cat", "/proc/net/snmp").stdout();
    return "kernel " + String.join(" / ", snmp.lines().filter(l -> l.startsWith("Udp:")).toList());
  }

  private static void awaitStatus(ClusterNode node, String peer, String status) {
    Awaitility.await(node.name() + " sees " + peer + " " + status).atMost(JOIN)
        .pollInterval(Duration.ofMillis(250)).pollDelay(Duration.ZERO)
        .until(() -> status.equals(node.nodeStatus(peer)));
  }

  private static void report(String test, String what, long sinceNanos) {
    System.out.printf("[MessagingInteropIT] %-40s %-60s %7d ms%n", test, what, (System.nanoTime() - sinceNanos) / 1_000_000);
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
