package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bcast, mcast and ping media on real interfaces: two node namespaces {@code jhb-t1},
 * {@code jhb-t2} with {@code eth1} on a bridge in the switch namespace {@code jhb-tsw}, each
 * medium running in a child JVM started with {@code ip netns exec}. Root only.
 */
class MediaNamespaceIT {
  private static final String T1 = "jhb-t1";
  private static final String T2 = "jhb-t2";
  private static final String SW = "jhb-tsw";
  private static final String A1 = "192.168.231.1";
  private static final String A2 = "192.168.231.2";
  private static final int PROBE_SECONDS = 4;

  private static Netns net;
  private static String port2;

  @TempDir
  Path dir;

  @BeforeAll
  static void topology() {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    net = new Netns("jhb-t");
    try {
      net.create(SW);
      net.create(T1);
      net.create(T2);
      net.bridge(SW, "br-hb");
      net.connect(SW, "br-hb", T1, "eth1", A1 + "/24", "02:00:00:00:e1:01");
      port2 = net.connect(SW, "br-hb", T2, "eth1", A2 + "/24", "02:00:00:00:e1:02");
    } catch (RuntimeException e) {
      net.close();
      throw e;
    }
  }

  @AfterAll
  static void teardown() {
    if (net != null) {
      net.close();
      assertThat(Netns.list()).doesNotContain(T1, T2, SW);
    }
  }

  @Test
  void broadcastReachesThePeerAndLoopsBack() throws Exception {
    List<List<String>> out = runBoth(
        List.of("bcast", "eth1", "694", "from-t1", "" + PROBE_SECONDS),
        List.of("bcast", "eth1", "694", "from-t2", "" + PROBE_SECONDS));
    assertThat(out.get(1)).contains("OPEN").contains("RX eth1 " + A1 + " from-t1");
    assertThat(out.get(0)).contains("RX eth1 " + A1 + " from-t1").contains("RX eth1 " + A2 + " from-t2");
  }

  @Test
  void multicastWithLoopZeroIsHeardOnlyByThePeer() throws Exception {
    List<List<String>> out = runBoth(
        List.of("mcast", "eth1", "239.77.0.9", "696", "0", "m-t1", "" + PROBE_SECONDS),
        List.of("mcast", "eth1", "239.77.0.9", "696", "1", "m-t2", "" + PROBE_SECONDS));
    assertThat(out.get(1)).contains("RX eth1 " + A1 + " m-t1").contains("RX eth1 " + A2 + " m-t2");
    assertThat(out.get(0)).contains("RX eth1 " + A2 + " m-t2").noneMatch(l -> l.endsWith(" m-t1"));
  }

  @Test
  void pingMediumGetsItsPayloadEchoedByThePeersKernel() throws Exception {
    List<List<String>> out = runBoth(List.of("ping", A2, "t=NS_st src=" + A2, "" + PROBE_SECONDS), null);
    assertThat(out.get(0)).contains("OPEN").contains("RX " + A2 + " " + A2 + " t=NS_st src=" + A2);
  }

  @Test
  void pingGroupCountsOneReplyPerSequenceThoughEveryHostAnswers() throws Exception {
    // t1 pings t2 and itself: two echo replies per request, only the first of each sequence counts
    List<String> out = runBoth(
        List.of("ping_group", "pair", A2 + "," + A1, "t=NS_st src=pair", "" + PROBE_SECONDS), null).get(0);
    int sent = out.stream().filter(l -> l.startsWith("SENT ")).mapToInt(l -> Integer.parseInt(l.substring(5)))
        .findFirst().orElseThrow();
    long received = out.stream().filter(l -> l.startsWith("RX pair ")).count();
    assertThat(out).anyMatch(l -> l.endsWith(" t=NS_st src=pair"));
    assertThat(received).as("%s", out).isPositive().isLessThanOrEqualTo(sent);
    assertThat(out).anyMatch(l -> l.startsWith("STATS") && l.contains("packetsSent=" + 2 * sent));
  }

  @Test
  void aDownSwitchPortSilencesThePeer() throws Exception {
    net.linkUp(SW, port2, false);
    try {
      List<List<String>> out = runBoth(List.of("bcast", "eth1", "694", "cut-t1", "2"),
          List.of("bcast", "eth1", "694", "cut-t2", "2"));
      assertThat(out.get(0)).contains("RX eth1 " + A1 + " cut-t1").noneMatch(l -> l.endsWith("cut-t2"));
      assertThat(out.get(1)).contains("RX eth1 " + A2 + " cut-t2").noneMatch(l -> l.endsWith("cut-t1"));
    } finally {
      net.linkUp(SW, port2, true);
    }
  }

  /** Runs a probe in t1 and (optionally) one in t2 at once; returns their output lines. */
  private List<List<String>> runBoth(List<String> inT1, List<String> inT2) throws Exception {
    Path o1 = dir.resolve("t1.out");
    Path o2 = dir.resolve("t2.out");
    Process p1 = net.start(T1, probe(inT1), o1);
    Process p2 = inT2 == null ? null : net.start(T2, probe(inT2), o2);
    long budget = TimeUnit.SECONDS.toMillis(PROBE_SECONDS + 30);
    boolean done1 = p1.waitFor(budget, TimeUnit.MILLISECONDS);
    boolean done2 = p2 == null || p2.waitFor(budget, TimeUnit.MILLISECONDS);
    List<String> l1 = Files.readAllLines(o1);
    List<String> l2 = p2 == null ? List.of() : Files.readAllLines(o2);
    if (!done1) {
      p1.destroyForcibly();
    }
    if (p2 != null && !done2) {
      p2.destroyForcibly();
    }
    assertThat(done1 && done2).as("probes finished in time; t1=%s t2=%s", l1, l2).isTrue();
    assertThat(p1.exitValue()).as("t1 probe: %s", l1).isZero();
    if (p2 != null) {
      assertThat(p2.exitValue()).as("t2 probe: %s", l2).isZero();
    }
    List<List<String>> out = new ArrayList<>();
    out.add(l1);
    out.add(l2);
    return out;
  }

  private static List<String> probe(List<String> args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> argv = new ArrayList<>(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", cp,
        MediumProbe.class.getName()));
    argv.addAll(args);
    return argv;
  }

  static Duration budget() {
    return Duration.ofSeconds(PROBE_SECONDS + 30);
  }
}
