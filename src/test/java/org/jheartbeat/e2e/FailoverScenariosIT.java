package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jheartbeat.e2e.Walkthrough.Mark;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Failover scenarios beyond the tutorial's walkthrough, on the {@link Walkthrough} lab (VIP
 * {@value VipClient#VIP} + lighttpd, {@link Walkthrough.Timing#fast()}), each asserted from the
 * client's view and from the logs, each printing the client-observed outage (a measurement):
 *
 * <ol>
 *   <li>{@link #autoFailbackOn}: auto_failback on; orasrv1 stops gracefully, orasrv2 serves;
 *       orasrv1 starts again and gets its group back by itself through the standby handshake.
 *   <li>{@link #failedStartIsHandedToTheOtherNode}: a second group {@code IPaddr::}{@value #VIP2}
 *       {@code failing} whose script exits 1 on start: {@code CRIT: Giving up resources due to
 *       failure of …}, its address is released again, and about 30 s later the node runs
 *       {@code hb_standby} of the group's set so the other node tries it (spec §4.3). The group
 *       is orasrv2's (see below), the main VIP keeps serving throughout.
 *   <li>{@link #restartedDaemonReleasesStaleResources}: SIGKILL of the active node's daemon only
 *       (VIP and lighttpd stay), orasrv2 takes over after deadtime, then orasrv1's daemon starts
 *       again and must release what it finds running ({@code Resource … is active, and should
 *       not be!}) before joining: one VIP holder, orasrv2 serving.
 *   <li>{@link #secondStandbyRefusedWhileInFlux}: a second {@code hb_standby} right after the
 *       first is refused (exit 1, with the reason) and the first completes.
 * </ol>
 *
 * Why the failing group belongs to orasrv2: after a failed start Heartbeat runs
 * {@code hb_standby local|foreign}, i.e. it hands over <em>every</em> group of that set. Were the
 * failing group orasrv1's like the main one, orasrv1's {@code hb_standby local} would move the main
 * VIP too, and the client could not stay served. As orasrv2's group, orasrv1 first tries it as a
 * foreign group at initdead and then hands over {@code foreign} only.
 *
 * <p>Namespaces {@value #PREFIX}*; logs in {@code target/e2e-logs/FailoverScenariosIT/<scenario>}.
 */
class FailoverScenariosIT {
  /** Unique to this class: no other test's namespace prefix starts with it or is a prefix of it. */
  static final String PREFIX = "jhb-fs-";
  static final Path LOG_DIR = Path.of("target", "e2e-logs", "FailoverScenariosIT");
  static final String N1 = Walkthrough.N1;
  static final String N2 = Walkthrough.N2;
  static final Duration MARGIN = Walkthrough.MARGIN;
  /** The failing group's address: same subnet as the main VIP, not used by anything else. */
  static final String VIP2 = "192.168.21.2";
  static final String FAILING = "failing";
  /** A resource that takes a while to start and to stop (scenario 4). */
  static final String SLOW = "slow";
  /** Heartbeat's delay between a failed start and the hb_standby of the group's set. */
  static final Duration FAILED_START_STANDBY = Duration.ofSeconds(30);
  /** The time of day of a log line ({@code Nov 24 18:44:44 node heartbeat: [pid]: ...}). */
  private static final Pattern LOG_TIME_RE = Pattern.compile("^\\w{3} +\\d+ (\\d{2}:\\d{2}:\\d{2}) ");

  private static void assumeLab(NodeKind... kinds) {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    for (NodeKind k : kinds) {
      assumeTrue(k.available(), "needs " + k + " (the Debian heartbeat package / bin/jheartbeat)");
    }
    assumeTrue(Httpd.installed(), "needs the Debian lighttpd package");
  }

  private static void assertCleanedUp(TwoNodeLab lab) {
    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith(PREFIX));
    assertThat(lab.leftoverProcesses()).as("processes left in the lab's namespaces").isEmpty();
  }

  private static void summary(String scenario, Walkthrough w) {
    System.out.println("[FailoverScenariosIT] " + scenario + " (client view):");
    w.results().forEach(r -> System.out.println("[FailoverScenariosIT]   " + r));
  }

  // ----------------------------------------------------------------------------------- scenario 1

  @ParameterizedTest(name = "auto_failback on: node1 {0}, node2 {1}")
  @CsvSource({"JHEARTBEAT, JHEARTBEAT", "REAL, JHEARTBEAT"})
  void autoFailbackOn(NodeKind node1, NodeKind node2) {
    assumeLab(node1, node2);
    String scenario = "1-auto-failback-on-" + node1 + "-" + node2;
    Walkthrough w = new Walkthrough(node1, node2, Walkthrough.Timing.fast(), PREFIX, LOG_DIR.resolve(scenario),
        "on", "");
    TwoNodeLab lab = w.lab();
    try (w) {
      w.nodeOneStartsAlone();
      w.nodeTwoJoins();
      w.gracefulStopOfNodeOne();
      nodeOneRejoinsAndFailsBack(w);
    } finally {
      summary(scenario, w);
    }
    assertCleanedUp(lab);
  }

  /** orasrv1 starts again; orasrv2 hands the group back by itself (auto failback, standby handshake). */
  private static void nodeOneRejoinsAndFailsBack(Walkthrough w) {
    ClusterNode n1 = w.node1();
    ClusterNode n2 = w.node2();
    Mark m1 = Walkthrough.mark(n1);
    Mark m2 = Walkthrough.mark(n2);
    Instant t = Instant.now();
    n1.start();
    w.report("orasrv1 started again");
    Duration bound = Duration.ofSeconds(w.timing().initdead()).plus(MARGIN).plus(MARGIN);
    w.client().awaitAnswer(N1, bound);
    Instant end = w.settle();
    // orasrv2 (jheartbeat in both pairs) asks, gives the foreign set up; orasrv1 acquires it
    m2.await(Pattern.quote(N2) + " wants to go standby \\[foreign\\]", MARGIN);
    m2.await("give up foreign HA resources \\(standby\\)", MARGIN);
    m2.await("resource\\.d/+httpd\\s+stop", MARGIN);
    m1.await("standby: acquire \\[foreign\\] resources from " + Pattern.quote(N2), MARGIN);
    // The taker names the set from its own side, as the real daemon does: orasrv2's foreign
    // groups are orasrv1's local ones.
    m1.await("acquire local HA resources \\(standby\\)", MARGIN);
    m1.await("Standby resource acquisition done \\[foreign\\]", MARGIN);
    m1.await("resource\\.d/+httpd\\s+start", MARGIN);
    m2.await("Other node completed standby takeover of foreign resources", MARGIN);
    VipClient.Outage o = w.client().outage(t, end);
    assertThat(o.before()).isEqualTo(N2);
    assertThat(o.after()).as("failed back: %s", o.toEnv()).isEqualTo(N1);
    assertThat(o.recovered()).isTrue();
    assertThat(o.flips()).isZero();
    w.assertServedBy(n1, n2);
    w.record("4 orasrv1 rejoins: auto failback", t, end, "standby handshake, like hb_standby (04)");
  }

  // ----------------------------------------------------------------------------------- scenario 2

  @Test
  void failedStartIsHandedToTheOtherNode() {
    NodeKind kind = NodeKind.JHEARTBEAT;
    assumeLab(kind);
    String scenario = "2-failed-start";
    Path logDir = LOG_DIR.resolve(scenario);
    Walkthrough w = new Walkthrough(kind, kind, Walkthrough.Timing.fast(), PREFIX, logDir, "off",
        N2 + " IPaddr::" + VIP2 + "/24/eth0 " + FAILING + "\n");
    TwoNodeLab lab = w.lab();
    try (w) {
      ClusterNode n1 = w.node1();
      ClusterNode n2 = w.node2();
      installFailing(n1, logDir);
      installFailing(n2, logDir);
      w.nodeOneStartsAlone();
      Instant served = Instant.now();
      w.nodeTwoJoins();

      // the first attempt: orasrv1 (foreign group at initdead) or orasrv2 (its own group at join)
      String crit = "CRIT: Giving up resources due to failure of .*(" + Pattern.quote(FAILING) + "|"
          + Pattern.quote(VIP2) + ")";
      ClusterNode first = Awaitility.await("a node gives the failing group up").atMost(MARGIN)
          .pollInterval(ClusterNode.LOG_POLL).pollDelay(Duration.ZERO)
          .until(() -> n1.countLog(crit) > 0 ? n1 : n2.countLog(crit) > 0 ? n2 : null, x -> x != null);
      ClusterNode other = first == n1 ? n2 : n1;
      w.report("first attempt on " + first.name());
      assertThat(Files.exists(failingLog(logDir, first))).as("the failing script ran on %s", first.name()).isTrue();
      awaitNoAddress(w, first, VIP2);
      String set = first == n1 ? "foreign" : "local";
      String firstCrit = first.awaitLog(crit, MARGIN);

      // about 30 s later the node asks the other one to take that set
      Mark mo = Walkthrough.mark(other);
      Instant t = Instant.now();
      String again = first.awaitLog("Running hb_standby " + set + " after the failed start", FAILED_START_STANDBY
          .plus(MARGIN));
      long delay = logSeconds(firstCrit, again);
      System.out.println("[FailoverScenariosIT] hb_standby " + set + " " + delay + " s after the failed start on "
          + first.name());
      assertThat(delay).as("hb_standby after the failed start").isBetween(FAILED_START_STANDBY.toSeconds() - 1,
          FAILED_START_STANDBY.toSeconds() + 2);
      first.awaitLog("give up " + set + " HA resources \\(standby\\)", MARGIN);
      mo.await(Pattern.quote(first.name()) + " wants to go standby \\[" + set + "\\]", MARGIN);
      mo.await("standby: acquire \\[" + set + "\\] resources from " + Pattern.quote(first.name()), MARGIN);
      mo.await(crit, MARGIN);
      assertThat(Files.exists(failingLog(logDir, other))).as("the failing script ran on %s", other.name()).isTrue();
      awaitNoAddress(w, other, VIP2);
      awaitNoAddress(w, first, VIP2);
      Instant end = w.settle();

      // the main group never moved
      VipClient.Outage o = w.client().outage(served, end);
      System.out.println("[FailoverScenariosIT] main VIP from orasrv1 serving to the end: " + o.toEnv());
      w.assertNoOutage(served, end, N1, "on the main VIP during the failed starts");
      assertThat(n1.log()).as("orasrv1 log").doesNotContainPattern("resource\\.d/+httpd\\s+stop");
      assertThat(o.after()).isEqualTo(N1);
      w.assertServedBy(n1, n2);
      w.record("6a failed start on " + first.name() + ", handed over", t, end, "main VIP: 0 failed polls");
      w.record("6b whole scenario (main VIP)", served, end, "0 failed polls");
    } finally {
      summary(scenario, w);
    }
    assertCleanedUp(lab);
  }

  /** resource.d/failing: an LSB script whose start always fails (exit 1); stop succeeds; status: stopped. */
  private static void installFailing(ClusterNode node, Path logDir) {
    installScript(node, FAILING, failingLog(logDir, node),
        "  start) log 'start: failing on purpose (exit 1)'; exit 1 ;;",
        "  stop) log 'stop: ok'; exit 0 ;;",
        "  status) echo 'failing is stopped'; exit 3 ;;");
  }

  private static Path failingLog(Path logDir, ClusterNode node) {
    return scriptLog(logDir, node, FAILING);
  }

  private static Path scriptLog(Path logDir, ClusterNode node, String script) {
    return logDir.resolve(node.name() + "-" + script + "-script.log");
  }

  /**
   * resource.d/slow: an LSB script that takes {@code seconds} to start and as long to stop (a
   * state file beside it says whether it runs), so that a handover keeps the resources in flux
   * for a while.
   */
  private static void installSlow(ClusterNode node, Path logDir, int seconds) {
    String state = node.configDir().resolve(SLOW + ".running").toAbsolutePath().toString();
    installScript(node, SLOW, scriptLog(logDir, node, SLOW),
        "  start) log start; sleep " + seconds + "; touch '" + state + "'; log started; exit 0 ;;",
        "  stop) log stop; sleep " + seconds + "; rm -f '" + state + "'; log stopped; exit 0 ;;",
        "  status) if [ -f '" + state + "' ]; then echo 'slow is running'; exit 0; fi; echo 'slow is stopped'; exit 3 ;;");
  }

  /** Writes an LSB script {@code resource.d/NAME} with the given case branches, logging to {@code log}. */
  private static void installScript(ClusterNode node, String name, Path log, String... branches) {
    StringBuilder b = new StringBuilder(String.join("\n",
        "#!/bin/sh",
        "# " + name + " - LSB script of the jheartbeat end-to-end tests (FailoverScenariosIT).",
        "log() { echo \"$(date '+%Y/%m/%d_%H:%M:%S.%N' | cut -c1-23) [$$] $*\" >>'" + log.toAbsolutePath()
            + "' 2>/dev/null; }",
        "case \"$1\" in", ""));
    for (String branch : branches) {
      b.append(branch).append('\n');
    }
    b.append("  *) echo \"usage: $0 {start|stop|status}\" >&2; exit 2 ;;\nesac\n");
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Path dir = Files.createDirectories(node.configDir().resolve("resource.d"));
      Path p = dir.resolve(name);
      Files.writeString(p, b.toString());
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitNoAddress(Walkthrough w, ClusterNode node, String ip) {
    Awaitility.await(ip + " released on " + node.name()).atMost(MARGIN).pollInterval(Duration.ofMillis(200))
        .pollDelay(Duration.ZERO).until(() -> !w.addressOn(node, ip));
  }

  private static LocalTime logTime(String line) {
    Matcher m = LOG_TIME_RE.matcher(line);
    if (!m.find()) {
      throw new AssertionError("no time stamp in log line: " + line);
    }
    return LocalTime.parse(m.group(1));
  }

  /** Whole seconds from log line a to log line b (across midnight too). */
  private static long logSeconds(String a, String b) {
    long s = Duration.between(logTime(a), logTime(b)).toSeconds();
    return s < 0 ? s + 86_400 : s;
  }

  // ----------------------------------------------------------------------------------- scenario 3

  @Test
  void restartedDaemonReleasesStaleResources() {
    NodeKind kind = NodeKind.JHEARTBEAT;
    assumeLab(kind);
    String scenario = "3-stale-resources";
    Walkthrough w = new Walkthrough(kind, kind, Walkthrough.Timing.fast(), PREFIX, LOG_DIR.resolve(scenario));
    TwoNodeLab lab = w.lab();
    try (w) {
      ClusterNode n1 = w.node1();
      ClusterNode n2 = w.node2();
      w.nodeOneStartsAlone();
      w.nodeTwoJoins();

      Mark m2 = Walkthrough.mark(n2);
      Instant t = Instant.now();
      n1.kill9();
      w.report("orasrv1's daemon killed (SIGKILL)");
      assertThat(w.vipOn(n1)).as("the VIP stays on orasrv1 after its daemon died").isTrue();
      assertThat(lighttpdRunning(n1)).as("lighttpd stays on orasrv1 after its daemon died").isTrue();
      Duration dead = Duration.ofSeconds(w.timing().deadtime()).plus(MARGIN);
      m2.await("node " + Pattern.quote(N1) + ": is dead", dead);
      m2.await("mach_down takeover complete", MARGIN);
      m2.await("resource\\.d/+httpd\\s+start", MARGIN);
      assertThat(w.vipOn(n2)).as("orasrv2 took the VIP over").isTrue();
      Instant takeover = w.settle(Duration.ofSeconds(2));
      w.record("3a kill -9 of orasrv1's daemon (both hold the VIP)", t, takeover, "no trace; duplicate VIP");
      System.out.println("[FailoverScenariosIT] VIP on orasrv1 " + w.vipOn(n1) + ", on orasrv2 " + w.vipOn(n2));

      Mark m1 = Walkthrough.mark(n1);
      Instant t2 = Instant.now();
      n1.start();
      w.report("orasrv1's daemon started again");
      Duration bound = Duration.ofSeconds(w.timing().initdead()).plus(MARGIN);
      SoftAssertions soft = new SoftAssertions();
      try {
        Walkthrough.awaitStatus(n1, N2, "active", bound);
        Walkthrough.awaitStatus(n2, N1, "active", bound);
        m1.await("resource transition completed|Initial resource acquisition complete", bound);
      } catch (ConditionTimeoutException e) {
        soft.fail("orasrv1 did not rejoin: " + e.getMessage());
      }
      try {
        Awaitility.await("client served by orasrv2").atMost(MARGIN).pollInterval(Duration.ofMillis(100))
            .pollDelay(Duration.ZERO).until(() -> w.client().lastAnswer().equals(Optional.of(N2)));
      } catch (ConditionTimeoutException e) {
        soft.fail("client not served by orasrv2: last answer " + w.client().lastAnswer());
      }
      Instant end = w.settle(Duration.ofSeconds(2));
      String since = m1.since();
      Pattern stale = Pattern.compile("Resource .* is active, and should not be!");
      soft.assertThat(since).as("orasrv1's log after the restart").containsPattern(stale);
      int staleAt = indexOf(since, stale);
      int joinedAt = indexOf(since, Pattern.compile("resource transition completed|Initial resource acquisition complete"));
      if (staleAt >= 0 && joinedAt >= 0) {
        soft.assertThat(staleAt).as("stale resources released before joining").isLessThan(joinedAt);
      }
      soft.assertThat(w.vipOn(n1)).as("VIP on orasrv1 (stale)").isFalse();
      soft.assertThat(w.vipOn(n2)).as("VIP on orasrv2").isTrue();
      soft.assertThat(lighttpdRunning(n1)).as("stale lighttpd on orasrv1").isFalse();
      soft.assertThat(lighttpdRunning(n2)).as("lighttpd on orasrv2").isTrue();
      soft.assertThat(w.client().lastAnswer()).as("client's last answer").contains(N2);
      w.record("3b orasrv1's daemon restarts (stale VIP)", t2, end, "no trace");
      VipClient.Outage o = w.client().outage(t2, end);
      soft.assertThat(o.after()).as("client after the restart: %s", o.toEnv()).isEqualTo(N2);
      soft.assertAll();
    } finally {
      summary(scenario, w);
    }
    assertCleanedUp(lab);
  }

  private static int indexOf(String text, Pattern p) {
    Matcher m = p.matcher(text);
    return m.find() ? m.start() : -1;
  }

  /** Whether the node's lighttpd (pid file of its {@link Httpd} resource) is a live process. */
  private static boolean lighttpdRunning(ClusterNode node) {
    Path pid = Httpd.pidFile(node.configDir());
    try {
      if (!Files.exists(pid)) {
        return false;
      }
      long p = Long.parseLong(Files.readString(pid).strip());
      return ProcessHandle.of(p).filter(ProcessHandle::isAlive).isPresent()
          && !Files.readString(Path.of("/proc/" + p + "/stat")).contains(") Z ");
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  // ----------------------------------------------------------------------------------- scenario 4

  @Test
  void secondStandbyRefusedWhileInFlux() {
    NodeKind kind = NodeKind.JHEARTBEAT;
    assumeLab(kind);
    String scenario = "4-standby-in-flux";
    Path logDir = LOG_DIR.resolve(scenario);
    // a second group of orasrv1 that takes 2 s to start and to stop: the handover of `all` stays
    // in flux for seconds, while a second hb_standby needs a JVM start (~0.3 s) to arrive
    Walkthrough w = new Walkthrough(kind, kind, Walkthrough.Timing.fast(), PREFIX, logDir, "off",
        N1 + " " + SLOW + "\n");
    TwoNodeLab lab = w.lab();
    try (w) {
      JheartbeatNode n1 = (JheartbeatNode) w.node1();
      ClusterNode n2 = w.node2();
      installSlow(n1, logDir, 2);
      installSlow(n2, logDir, 2);
      w.nodeOneStartsAlone();
      w.nodeTwoJoins();

      Mark m1 = Walkthrough.mark(n1);
      Mark m2 = Walkthrough.mark(n2);
      Instant t = Instant.now();
      Netns.Result first = n1.resourceTool("hb_standby", "all");
      Netns.Result second = n1.resourceTool("hb_standby", "all");
      w.report("hb_standby all twice on orasrv1: exit " + first.exit() + " then " + second.exit());
      System.out.println("[FailoverScenariosIT] first:  " + (first.stdout() + first.stderr()).strip());
      System.out.println("[FailoverScenariosIT] second: " + (second.stdout() + second.stderr()).strip());
      assertThat(first.exit()).as("first hb_standby: %s", first).isZero();
      assertThat(second.exit()).as("second hb_standby: %s", second).isNotZero();
      String refusal = "Standby in progress- new request from " + Pattern.quote(N1) + " ignored"
          + "|standby message \\[me\\] from " + Pattern.quote(N1) + " ignored\\. .* in flux\\.";
      assertThat(second.stdout() + second.stderr()).as("second hb_standby's message").containsPattern(refusal);
      m1.await(refusal, MARGIN);

      w.client().awaitAnswer(N2, MARGIN.plus(MARGIN));
      Instant end = w.settle();
      m1.await("Local standby process completed \\[all\\]", MARGIN);
      m1.await("Other node completed standby takeover of all resources", MARGIN);
      m2.await("Standby resource acquisition done \\[all\\]", MARGIN);
      m2.await("resource\\.d/+httpd\\s+start", MARGIN);
      assertThat(m2.since().lines().filter(l -> l.contains(N1 + " wants to go standby")).count())
          .as("standby requests orasrv2 received").isEqualTo(1);
      VipClient.Outage o = w.client().outage(t, end);
      assertThat(o.before()).isEqualTo(N1);
      assertThat(o.after()).isEqualTo(N2);
      assertThat(o.recovered()).isTrue();
      assertThat(o.flips()).isZero();
      w.assertServedBy(n2, n1);
      w.record("4 hb_standby, second one refused", t, end, "outage 605/675/804 ms (04)");
    } finally {
      summary(scenario, w);
    }
    assertCleanedUp(lab);
  }
}
