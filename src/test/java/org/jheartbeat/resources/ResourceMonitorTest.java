package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.MonitorSpec;
import org.jheartbeat.config.Monitors;
import org.jheartbeat.config.OnFail;
import org.jheartbeat.testkit.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resource monitoring on two simulated nodes ({@link RmSim}: real membership and resource
 * managers, fake agents and fake checks, manual clock): httpd of n1's group {@code IPaddr::10.0.0.10
 * httpd} is killed behind the daemon's back and the monitor restarts it, moves the group, or only
 * counts, by its on-fail policy.
 */
class ResourceMonitorTest {
  private static final String VIP = "IPaddr::10.0.0.10";
  private static final String HTTPD = "httpd";
  private static final List<String> GROUPS = List.of("n1 " + VIP + " " + HTTPD, "n2 IPaddr::10.0.0.11");
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.resources");

  private static RmSim sim(AutoFailback mode, OnFail onFail, int threshold, Duration expire) {
    RmSim sim = new RmSim(mode, List.of("n1", "n2"), GROUPS);
    sim.monitors = new Monitors(Path.of("/etc/ha.d/monitors"), true, List.of(new MonitorSpec(VIP, HTTPD, 1,
        Duration.ofSeconds(2), Duration.ofSeconds(5), onFail, threshold, expire, 1)));
    sim.start("n1");
    sim.start("n2");
    sim.advanceSeconds(15);
    assertThat(sim.owners()).containsEntry(VIP, List.of("n1"));
    return sim;
  }

  private static MonitorView view(RmSim sim, String node) {
    return sim.on(node, rm -> rm.snapshot().monitors().get(0));
  }

  @Test
  void aKilledResourceIsRestartedInPlaceWithTheResourcesAfterIt() {
    RmSim sim = sim(AutoFailback.ON, OnFail.RESTART, 3, Duration.ZERO);
    assertThat(view(sim, "n1").state()).isEqualTo(MonitorState.OK);
    assertThat(view(sim, "n2").state()).isEqualTo(MonitorState.INACTIVE);
    assertThat(sim.checks.get("n2")).as("no checks where the group does not run").isEmpty();
    sim.actions.clear();
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(3);
    assertThat(sim.actions).anyMatch(a -> a.endsWith("n1: givegroup " + HTTPD))
        .anyMatch(a -> a.endsWith("n1: takegroup " + HTTPD))
        .noneMatch(a -> a.contains("givegroup " + VIP));
    assertThat(sim.killed.get("n1")).isEmpty();
    sim.advanceSeconds(3);
    MonitorView v = view(sim, "n1");
    assertThat(v.state()).isEqualTo(MonitorState.OK);
    assertThat(v.failCount()).isEqualTo(1);
    assertThat(v.lastFailure()).isEqualTo("not running (rc=3): httpd is stopped");
    assertThat(sim.owners()).containsEntry(VIP, List.of("n1"));
    assertThat(logs.linesOf("n1")).contains(
        "WARN: Resource httpd monitor failed: not running (rc=3): httpd is stopped [group " + VIP
            + ", failcount=1, threshold=3, on-fail=restart]",
        "info: Restarting resource httpd of group " + VIP + " in place (failcount=1, threshold=3)",
        "info: Resource group " + VIP + ": running -> starting (monitor: httpd failed)",
        "info: Resource httpd restarted in place",
        "info: Resource httpd monitor: running again (failcount=1)");
  }

  @Test
  void failuresUpToTheThresholdMoveTheGroupThroughTheStandbyHandshake() {
    RmSim sim = sim(AutoFailback.OFF, OnFail.RESTART, 3, Duration.ZERO);
    for (int i = 1; i <= 2; i++) {
      sim.kill("n1", HTTPD);
      sim.advanceSeconds(6);
      assertThat(sim.owners()).containsEntry(VIP, List.of("n1"));
      assertThat(view(sim, "n1").failCount()).isEqualTo(i);
    }
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(8);
    assertThat(sim.owners()).containsEntry(VIP, List.of("n2")).containsEntry("IPaddr::10.0.0.11", List.of("n2"));
    assertThat(view(sim, "n1").state()).isEqualTo(MonitorState.INACTIVE);
    assertThat(view(sim, "n1").failCount()).isEqualTo(3);
    assertThat(sim.actions).anyMatch(a -> a.contains("n1: send ask_resources rsc_hold=local info=me"));
    assertThat(logs.linesOf("n1")).contains(
        "WARN: Resource httpd reached its failure threshold (failcount=3, threshold=3): failing over [local]"
            + " resources (standby)",
        "info: Going standby [local].");
    sim.advanceSeconds(5);
    assertThat(view(sim, "n2").state()).as("monitored where it runs now").isEqualTo(MonitorState.OK);
    assertThat(sim.monitorViolations).isEmpty();
  }

  @Test
  void onFailFailoverMovesAtTheFirstFailure() {
    RmSim sim = sim(AutoFailback.ON, OnFail.FAILOVER, 3, Duration.ZERO);
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(8);
    assertThat(sim.owners()).containsEntry(VIP, List.of("n2"));
    assertThat(sim.actions).noneMatch(a -> a.endsWith("n1: takegroup " + HTTPD));
    sim.advanceSeconds(60);
    assertThat(sim.owners()).as("auto_failback on does not bring it back by itself").containsEntry(VIP, List.of("n2"));
  }

  @Test
  void onFailIgnoreOnlyLogsAndCounts() {
    RmSim sim = sim(AutoFailback.ON, OnFail.IGNORE, 3, Duration.ZERO);
    sim.actions.clear();
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(20);
    assertThat(sim.actions).containsExactly(sim.actions.get(0)); // the kill only
    MonitorView v = view(sim, "n1");
    assertThat(v.state()).isEqualTo(MonitorState.FAILED);
    assertThat(v.failCount()).isGreaterThanOrEqualTo(5);
    assertThat(sim.owners()).containsEntry(VIP, List.of("n1"));
  }

  @Test
  void failCountsExpireSoSpreadOutFailuresNeverMoveTheGroup() {
    RmSim sim = sim(AutoFailback.ON, OnFail.RESTART, 2, Duration.ofSeconds(30));
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(6);
    assertThat(view(sim, "n1").failCount()).isEqualTo(1);
    sim.advanceSeconds(30);
    assertThat(view(sim, "n1").failCount()).isZero();
    assertThat(logs.linesOf("n1")).contains("info: Fail count of resource httpd expired (was 1, expire=30000ms)");
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(6);
    assertThat(view(sim, "n1").failCount()).isEqualTo(1);
    assertThat(sim.owners()).containsEntry(VIP, List.of("n1"));
  }

  @Test
  void withNoOtherNodeTheThresholdRestartsInPlace() {
    RmSim sim = sim(AutoFailback.ON, OnFail.FAILOVER, 1, Duration.ZERO);
    sim.stop("n2");
    sim.advanceSeconds(30); // shutdone, then deadtime: n2 is dead
    assertThat(sim.on("n1", ResourceManager::peerAlive)).isFalse();
    sim.actions.clear();
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(6);
    assertThat(logs.linesOf("n1")).contains(
        "ERROR: Cannot fail over resource httpd (Standby refused: no other node is active.): restarting it in place");
    assertThat(sim.actions).anyMatch(a -> a.endsWith("n1: takegroup " + HTTPD));
    assertThat(sim.killed.get("n1")).isEmpty();
    assertThat(sim.owners()).containsEntry(VIP, List.of("n1"));
  }

  @Test
  void aStandbyThatComesToNothingResumesChecking() {
    RmSim sim = sim(AutoFailback.ON, OnFail.FAILOVER, 1, Duration.ZERO);
    sim.stop("n2"); // n2 leaves while n1 still counts it as a standby partner
    sim.advanceSeconds(1);
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(40);
    assertThat(logs.linesOf("n1")).contains("info: Going standby [local].",
        "WARN: Failover of resource httpd did not happen: checking it again",
        "ERROR: Cannot fail over resource httpd (Standby refused: no other node is active.): restarting it in place");
    assertThat(sim.killed.get("n1")).isEmpty();
    assertThat(sim.owners()).containsEntry(VIP, List.of("n1"));
  }

  @Test
  void legacyModeHasNoStandbySoItRestartsInPlace() {
    RmSim sim = sim(AutoFailback.LEGACY, OnFail.FAILOVER, 1, Duration.ZERO);
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(6);
    assertThat(logs.linesOf("n1")).anyMatch(l -> l.startsWith("ERROR: Cannot fail over resource httpd"));
    assertThat(sim.killed.get("n1")).isEmpty();
    assertThat(sim.owners()).containsEntry(VIP, List.of("n1"));
  }

  @Test
  void aRestartWhoseStartFailsMovesTheGroupAtOnce() {
    RmSim sim = sim(AutoFailback.ON, OnFail.RESTART, 3, Duration.ZERO);
    sim.failing.get("n1").add(HTTPD); // the restart's start of httpd fails on n1
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(8);
    assertThat(logs.linesOf("n1")).contains(
        "ERROR: Restart of resource httpd failed: group " + VIP + " is failed here",
        "WARN: Resource httpd could not be restarted: failing over [local] resources (standby)");
    assertThat(sim.owners()).containsEntry(VIP, List.of("n2"));
    assertThat(sim.running.get("n1")).doesNotContain(VIP);
  }

  @Test
  void withNoPeerAFailedRestartLeavesNothingOfTheGroupRunning() {
    RmSim sim = sim(AutoFailback.ON, OnFail.RESTART, 3, Duration.ZERO);
    sim.stop("n2");
    sim.advanceSeconds(30); // shutdone, then deadtime: n2 is dead
    sim.failing.get("n1").add(HTTPD);
    sim.actions.clear();
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(8);
    assertThat(logs.linesOf("n1")).contains(
        "ERROR: Restart of resource httpd failed: group " + VIP + " is failed here",
        "ERROR: Cannot fail over resource httpd (Standby refused: no other node is active.): group " + VIP
            + " stays failed here");
    assertThat(sim.actions).as("the address before httpd is released too")
        .anyMatch(a -> a.endsWith("n1: givegroup " + VIP));
    assertThat(sim.running.get("n1")).doesNotContain(VIP, HTTPD);
    assertThat(view(sim, "n1").state()).isEqualTo(MonitorState.FAILED);
  }

  @Test
  void checksStopAtShutdown() {
    RmSim sim = sim(AutoFailback.ON, OnFail.RESTART, 3, Duration.ZERO);
    sim.stop("n1");
    sim.advanceSeconds(10);
    int before = sim.checks.get("n1").size();
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(10);
    assertThat(sim.checks.get("n1")).hasSize(before);
    assertThat(sim.owners()).containsEntry(VIP, List.of("n2"));
  }

  private static Monitors monitors(MonitorSpec... specs) {
    return new Monitors(Path.of("/etc/ha.d/monitors"), true, List.of(specs));
  }

  private static long checksOf(RmSim sim, String node, String resource) {
    return sim.checks.get(node).stream().filter(c -> c.startsWith(resource + "=")).count();
  }

  @Test
  void aReloadRetimesChangedMonitorsStartsAddedOnesAndKeepsFailCounts() {
    RmSim sim = sim(AutoFailback.ON, OnFail.RESTART, 3, Duration.ZERO);
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(6);
    assertThat(view(sim, "n1").failCount()).isEqualTo(1);
    MonitorSpec slowFailover = new MonitorSpec(VIP, HTTPD, 1, Duration.ofSeconds(10), Duration.ofSeconds(5),
        OnFail.FAILOVER, 1, Duration.ZERO, 3);
    MonitorSpec vip = new MonitorSpec(VIP, VIP, 0, Duration.ofSeconds(1), Duration.ofSeconds(5), OnFail.RESTART, 3,
        Duration.ZERO, 2);
    sim.monitors = monitors(vip, slowFailover);
    for (String n : List.of("n1", "n2")) {
      sim.on(n, rm -> {
        rm.reloadMonitors(sim.monitors);
        return null;
      });
    }
    assertThat(logs.linesOf("n1")).contains("info: Monitors file /etc/ha.d/monitors reread: 2 monitored resources"
        + " (added [" + VIP + "], removed [], changed [" + HTTPD + "])");
    long httpdBefore = checksOf(sim, "n1", HTTPD);
    sim.advanceSeconds(25);
    assertThat(checksOf(sim, "n1", HTTPD) - httpdBefore).as("every 10 s now, not every 2 s").isBetween(2L, 3L);
    assertThat(checksOf(sim, "n1", VIP)).as("the added monitor checks every second").isBetween(20L, 25L);
    assertThat(checksOf(sim, "n2", VIP)).as("not where the group does not run").isZero();
    assertThat(sim.<Integer>on("n1", rm -> rm.snapshot().monitors().stream().filter(v -> v.resource().equals(HTTPD))
        .findFirst().orElseThrow().failCount())).as("kept across the reload").isEqualTo(1);
    sim.actions.clear();
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(18);
    assertThat(sim.owners()).as("on-fail=failover now").containsEntry(VIP, List.of("n2"));
    assertThat(sim.actions).noneMatch(a -> a.endsWith("n1: takegroup " + HTTPD));
    assertThat(logs.linesOf("n1")).contains("WARN: Resource httpd failed (on-fail=failover): failing over [local]"
        + " resources (standby)");
    sim.advanceSeconds(5);
    assertThat(checksOf(sim, "n2", VIP)).as("the added monitor follows the group").isPositive();
    assertThat(sim.monitorViolations).isEmpty();
  }

  @Test
  void aReloadWithoutAMonitorStopsItsChecks() {
    RmSim sim = sim(AutoFailback.ON, OnFail.RESTART, 3, Duration.ofSeconds(30));
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(6);
    sim.monitors = Monitors.none(Path.of("/etc/ha.d/monitors"));
    sim.on("n1", rm -> {
      rm.reloadMonitors(sim.monitors);
      return null;
    });
    assertThat(logs.linesOf("n1")).contains("info: Monitors file /etc/ha.d/monitors reread: 0 monitored resources"
        + " (added [], removed [" + HTTPD + "], changed [])");
    int before = sim.checks.get("n1").size();
    sim.actions.clear();
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(40);
    assertThat(sim.checks.get("n1")).hasSize(before);
    assertThat(sim.actions).containsExactly(sim.actions.get(0)); // the kill only
    assertThat(sim.<List<MonitorView>>on("n1", rm -> rm.snapshot().monitors())).isEmpty();
    assertThat(logs.linesOf("n1")).noneMatch(l -> l.contains("Fail count of resource httpd expired"));
  }

  @Test
  void aReloadLeavesOutMonitorsOfGroupsTheRunningHaresourcesDoesNotHave() {
    RmSim sim = sim(AutoFailback.ON, OnFail.RESTART, 3, Duration.ZERO);
    MonitorSpec elsewhere = new MonitorSpec("IPaddr::10.0.0.99", "httpd", 1, Duration.ofSeconds(1),
        Duration.ofSeconds(5), OnFail.RESTART, 3, Duration.ZERO, 4);
    MonitorSpec unchanged = sim.monitors.specs().get(0);
    sim.on("n1", rm -> {
      rm.reloadMonitors(monitors(unchanged, elsewhere));
      return null;
    });
    assertThat(logs.linesOf("n1")).contains(
        "WARN: Monitor of httpd in group IPaddr::10.0.0.99 (/etc/ha.d/monitors:4) ignored: not in the running"
            + " haresources",
        "info: Monitors file /etc/ha.d/monitors reread: no monitor changed");
    sim.kill("n1", HTTPD);
    sim.advanceSeconds(6);
    assertThat(view(sim, "n1").failCount()).as("the kept monitor still works").isEqualTo(1);
    assertThat(sim.<List<MonitorView>>on("n1", rm -> rm.snapshot().monitors())).hasSize(1);
  }
}
