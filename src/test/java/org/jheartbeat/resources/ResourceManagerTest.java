package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.wire.Field;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One ResourceManager driven by hand-built peer messages; its own messages are looped back. */
class ResourceManagerTest {
  private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
  private final List<String> groupEdges = new java.util.ArrayList<>();
  private LogCapture logs;
  private final List<Message> sent = new ArrayList<>();
  private final List<String> ran = new ArrayList<>();
  private RmSim env;
  private ResourceManager rm;

  @BeforeEach
  void capture() {
    logs = new LogCapture("org.jheartbeat.resources");
  }

  @AfterEach
  void release() {
    logs.close();
  }

  /** The STONITH device n1 is given by {@link #node1}; empty: none. */
  private Optional<RmSim.FakeDevice> device = Optional.empty();
  private final RmSim.FakeDevice ssh = RmSim.FakeDevice.named("external/ssh");

  private void node1(AutoFailback mode) {
    node1(mode, List.of("n1", "n2"));
  }

  private void node1(AutoFailback mode, List<String> nodes) {
    env = new RmSim(mode, nodes,
        List.of("n1 IPaddr::10.0.0.10 httpd", "n2 IPaddr::10.0.0.11"));
    GroupActions immediate = env.recordingActions(ran);
    Fencer fencer = device.map(env::device).orElse(Fencer.NO_DEVICE);
    rm = new ResourceManager(env.cf("n1"), env.res, immediate, fencer, env.clock,
        env.scheduler, m -> {
          Message own = m.with("src", "n1");
          sent.add(own);
          rm.onMessage(own); // Heartbeat processes its own messages (wire §7.5)
        }, registry, (group, from, to, reason) -> groupEdges.add(group + " " + from.text() + " -> " + to.text()));
  }

  private static Message peer(String... kv) {
    return RmSim.from("n2", kv);
  }

  private static List<String> names(Message m) {
    return m.fields().stream().map(Field::name).toList();
  }

  private void advance(double s) {
    env.scheduler.advance(Duration.ofMillis((long) (s * 1000)));
  }

  @Test
  void startingIsAnsweredWithAFullReportInWireOrder() {
    node1(AutoFailback.ON);
    rm.onNodeStatus("n2", "init", "up");
    rm.onCommUp();
    assertThat(sent).extracting(Message::type).containsExactly("starting");
    rm.onMessage(peer("t", "starting"));
    Message report = sent.get(1);
    assertThat(names(report)).containsExactly("t", "rsc_hold", "rtype", "isstable", "src");
    assertThat(report.get("rsc_hold")).contains("none");
    assertThat(report.get("isstable")).contains("0");
    assertThat(rm.snapshot().state()).isEqualTo(RmState.RSCRCVD);
  }

  @Test
  void peerStableReportMakesUsAcquireOurOwnGroups() {
    node1(AutoFailback.ON);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1"));
    advance(1);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
    assertThat(logs.lines()).containsSubsequence("info: remote resource transition completed.",
        "info: Local Resource acquisition completed.",
        "info: Initial resource acquisition complete (T_RESOURCES(them))");
    assertThat(rm.rscstatus()).isEqualTo("local");
    assertThat(sent).last().satisfies(m -> assertThat(m.get("isstable")).contains("1"));
  }

  @Test
  void aNodeAloneInHaCfAcquiresItsGroupsAtCommUp() {
    node1(AutoFailback.OFF, List.of("n1"));
    rm.onCommUp();
    advance(1);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
    assertThat(rm.snapshot().state()).isEqualTo(RmState.STABLE);
    assertThat(rm.rscstatus()).isEqualTo("local");
    assertThat(logs.lines()).contains("info: Local Resource acquisition completed.");
    advance(15); // the 10 s timer of a peer report must not run a second acquisition
    assertThat(ran).hasSize(1);
  }

  @Test
  void legacyModeRefusesStandbyAndTakeover() {
    node1(AutoFailback.LEGACY);
    assertThat(rm.standby("all")).isEqualTo(ControlOutcome.refused(ResourceManager.LEGACY_REFUSAL));
    assertThat(rm.takeover("all").exitCode()).isEqualTo(1);
  }

  @Test
  void aReportRecoveredAfterALaterOneDoesNotPutThePeerBackInFlux() {
    // regression (ClusterSimulationTest seeds 493, 1384, 1789): an isstable=0 report
    // retransmitted after the peer's stable one kept the peer "in flux" for good
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1",
        "seq", "b", "hg", "5"));
    advance(1);
    rm.onMessage(peer("t", "resource", "rsc_hold", "none", "rtype", "full", "isstable", "0",
        "seq", "a", "hg", "5"));
    assertThat(rm.rscstatus()).isEqualTo("local");
    assertThat(rm.standby("local").exitCode()).isZero();
    rm.onMessage(peer("t", "resource", "rsc_hold", "none", "rtype", "full", "isstable", "0",
        "seq", "1", "hg", "6")); // a new run of the peer is not stale, whatever its seq
    assertThat(rm.rscstatus()).isEqualTo("transition");
  }

  @Test
  void aStartingRecoveredAfterTheSameRunsStableReportDoesNotPutThePeerBackInFlux() {
    // regression (ClusterSimulationTest seed 4333): the peer's starting, retransmitted once a
    // partition healed, came after its stable reports; the peer stayed "in flux" for good and
    // the hb_standby after our failed start was refused every time
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1",
        "seq", "12", "hg", "5"));
    advance(1);
    rm.onMessage(peer("t", "starting", "seq", "10", "hg", "5"));
    assertThat(rm.rscstatus()).isEqualTo("local");
    assertThat(rm.standby("local").exitCode()).isZero();
  }

  /** We are stable holding nothing, the peer's run (generation 5) holding all, e.g. after a heal. */
  private void peerHoldsAll() {
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "all", "rtype", "full", "isstable", "1",
        "seq", "20", "hg", "5"));
    advance(1);
    assertThat(rm.rscstatus()).isEqualTo("none");
  }

  @Test
  void aRestartedPeerThatDoesNotClaimOurGroupsLeavesThemToUs() {
    // regression (ClusterSimulationTest seeds 460, 1837): the peer's run that held our group
    // ended without a death or shutdone we saw; its new run acquired only its own group and
    // ours stayed down for good
    peerHoldsAll();
    rm.onMessage(peer("t", "starting", "seq", "6", "hg", "6"));
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1",
        "info", "req_our_resources()", "seq", "9", "hg", "6"));
    advance(1);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
    assertThat(rm.rscstatus()).isEqualTo("local");
    assertThat(logs.lines()).contains("info: n2 does not hold our resources and neither do we: acquiring them.");
  }

  @Test
  void aRestartedPeerThatStillClaimsOurGroupsKeepsThem() {
    peerHoldsAll();
    rm.onMessage(peer("t", "resource", "rsc_hold", "all", "rtype", "full", "isstable", "1",
        "seq", "3", "hg", "6")); // Heartbeat's quick restart keeps what it held (spec §5.8)
    advance(1);
    assertThat(ran).isEmpty();
    assertThat(rm.rscstatus()).isEqualTo("none");
  }

  @Test
  void aStablePeerThatNoLongerClaimsOurGroupsLeavesThemToUs() {
    // regression (ClusterSimulationTest seed 8104): a standby handover broken by a heal; the
    // peer released our group, we had cancelled our side, and its report after the standby
    // timeout claimed only its own
    peerHoldsAll();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "0",
        "info", "standby", "seq", "21", "hg", "5")); // releasing: not a quiet moment yet
    advance(1);
    assertThat(ran).isEmpty();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1",
        "seq", "22", "hg", "5"));
    advance(1);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
    assertThat(rm.rscstatus()).isEqualTo("local");
  }

  @Test
  void aShutdoneBeforeCommUpIsTakenOverAtCommUpAndEndsTheStandbyState() {
    // regression (ClusterSimulationTest seeds 11682, 12934, 15219): taken over before comm up,
    // our own standby done was not processed, the standby state stayed DONE, the audit never ran
    // and a group stayed on both nodes
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onMessage(peer("t", "shutdone", "st", "dead"));
    advance(1);
    assertThat(ran).isEmpty();
    rm.onCommUp();
    advance(2);
    assertThat(ran).containsExactlyInAnyOrder("start IPaddr::10.0.0.10", "start IPaddr::10.0.0.11");
    assertThat(rm.snapshot().standby()).isEqualTo(StandbyState.NOT);
    assertThat(rm.rscstatus()).isEqualTo("all");
  }

  @Test
  void standbyIsRefusedWhileInFlux() {
    node1(AutoFailback.ON);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    ControlOutcome o = rm.standby("all");
    assertThat(o.exitCode()).isEqualTo(1);
    assertThat(o.text()).contains("in flux");
    assertThat(sent).extracting(Message::type).doesNotContain("ask_resources");
  }

  @Test
  void shutdownWaitsForCommUpThenReleasesEverythingInFileOrder() {
    node1(AutoFailback.ON);
    boolean[] released = {false};
    rm.shutdown(() -> released[0] = true);
    assertThat(logs.lines()).contains("WARN: Shutdown delayed until Communication is up.");
    rm.onNodeStatus("n2", "init", "dead");
    rm.onCommUp();
    advance(1);
    assertThat(ran).containsExactly("stop IPaddr::10.0.0.10", "stop IPaddr::10.0.0.11");
    assertThat(sent).extracting(Message::type).containsExactly("resource", "shutdone");
    assertThat(names(sent.get(0))).containsExactly("t", "rsc_hold", "rtype", "isstable", "info", "src");
    assertThat(sent.get(1).get("st")).contains("dead");
    assertThat(released[0]).isTrue();
    assertThat(logs.lines()).containsSubsequence("info: Giving up all HA resources.",
        "info: All HA resources relinquished.");
  }

  @Test
  void deadPeerStillStartingIsNotTakenForOneThatGaveUp() {
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    // n2's start-up report: none, not stable — it may be acquiring its groups right now
    rm.onMessage(peer("t", "resource", "rsc_hold", "none", "rtype", "full", "isstable", "0"));
    rm.onNodeStatus("n2", "active", "dead");
    assertThat(logs.lines()).doesNotContain("info: Dead node n2 gave up resources.")
        .contains("WARN: No STONITH device configured.");
    assertThat(sent).filteredOn(m -> m.type().equals("stonith"))
        .extracting(m -> m.get("result").orElse("")).containsExactly("n_stnth");
  }

  @Test
  void deadPeerThatReportedNoneGaveUpItsResources() {
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "none", "rtype", "full", "isstable", "0",
        "info", "shutdown"));
    rm.onNodeStatus("n2", "active", "dead");
    assertThat(logs.lines()).contains("info: Dead node n2 gave up resources.")
        .doesNotContain("WARN: No STONITH device configured.");
    assertThat(sent).filteredOn(m -> m.type().equals("stonith")).singleElement()
        .satisfies(m -> {
          assertThat(names(m)).containsExactly("t", "node", "result", "src");
          assertThat(m.get("result")).contains("unneeded");
        });
  }

  @Test
  void deadPeerNeverHeardNeedsStonithAndWithoutADeviceWeWarnAndTakeOver() {
    node1(AutoFailback.ON);
    rm.onNodeStatus("n2", "init", "dead");
    rm.onCommUp();
    advance(1);
    assertThat(logs.lines()).containsSubsequence("WARN: No STONITH device configured.",
        "WARN: Shared disks are not protected.", "info: Resources being acquired from n2.",
        "info: Taking over resource group IPaddr::10.0.0.11", "info: mach_down takeover complete.");
    assertThat(sent).filteredOn(m -> m.type().equals("stonith"))
        .extracting(m -> m.get("result").orElse("")).containsExactly("n_stnth");
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10", "start IPaddr::10.0.0.11");
    assertThat(sent).filteredOn(m -> "mach_down".equals(m.get("info").orElse("")))
        .singleElement().satisfies(m -> assertThat(names(m)).containsExactly("t", "rsc_hold", "info", "src"));
    assertThat(registry.counter("heartbeat.failovers", "cause", "dead").count()).isEqualTo(1.0);
    assertThat(registry.timer("heartbeat.failover.duration").count()).isEqualTo(1);
    assertThat(groupEdges).filteredOn(e -> e.endsWith("starting -> running")).hasSize(2);
  }

  @Test
  void legacyAloneAcquiresThroughAnIpRequestRespToItselfOnce() {
    node1(AutoFailback.LEGACY);
    rm.onNodeStatus("n2", "init", "dead");
    rm.onCommUp();
    advance(1);
    Message resp = sent.stream().filter(m -> m.type().equals("ip-request-resp")).findFirst().orElseThrow();
    assertThat(names(resp)).containsExactly("t", "dest", "ipaddr", "weown", "ok", "src");
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10", "start IPaddr::10.0.0.11");
    assertThat(rm.rscstatus()).isEqualTo("none"); // legacy never updates the held set (§7.2)
  }

  @Test
  void aPeerDeadBeforeCommUpThatCameBackIsNotTakenOverAtCommUp() {
    // regression (ClusterSimulationTest seeds 2861, 4418): the death seen during initdead was
    // acted on at comm up although the peer had restarted meanwhile, and both ran its group
    node1(AutoFailback.LEGACY);
    rm.onNodeStatus("n2", "init", "dead");
    rm.onNodeStatus("n2", "dead", "up");
    rm.onNodeStatus("n2", "up", "active");
    rm.onCommUp();
    advance(1);
    assertThat(logs.lines()).doesNotContain("info: Resources being acquired from n2.");
    assertThat(sent).filteredOn(m -> m.type().equals("stonith")).isEmpty();
    assertThat(sent).filteredOn(m -> m.type().equals("ip-request"))
        .singleElement().satisfies(m -> assertThat(m.get("ipaddr")).contains("IPaddr::10.0.0.10"));
    assertThat(ran).isEmpty();
  }

  @Test
  void legacyStartsAGroupOnlyOnAnIpRequestRespItAskedFor() {
    // regression (ClusterSimulationTest seed 3224): a replayed answer of the peer's, accepted by a
    // node that had just restarted, started a group the peer still ran
    node1(AutoFailback.LEGACY);
    rm.onNodeStatus("n2", "init", "up");
    rm.onMessage(peer("t", "ip-request-resp", "dest", "n1", "ipaddr", "IPaddr::10.0.0.10", "weown", "no", "ok", "OK"));
    advance(1);
    assertThat(ran).isEmpty();
    assertThat(logs.lines()).contains(
        "WARN: Ignoring ip-request-resp IPaddr::10.0.0.10 OK no: no ip-request for it is pending");
    rm.onNodeStatus("n2", "up", "active");
    rm.onCommUp();
    advance(16); // three requests unanswered; the answer that comes after them still counts
    assertThat(sent).filteredOn(m -> m.type().equals("ip-request")).hasSize(3);
    rm.onMessage(peer("t", "ip-request-resp", "dest", "n1", "ipaddr", "IPaddr::10.0.0.10", "weown", "yes", "ok", "OK"));
    advance(1);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
  }

  @Test
  void aNodeShuttingDownDoesNotTakeOverWhatItsPeerReleasedForStandby() {
    // regression (ClusterSimulationTest seed 816): the start ran after shutdone, leaving the
    // group running on a node whose daemon had ended
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1"));
    advance(1);
    rm.onMessage(peer("t", "ask_resources", "rsc_hold", "local", "info", "me"));
    boolean[] released = {false};
    rm.shutdown(() -> released[0] = true);
    rm.onMessage(peer("t", "ask_resources", "rsc_hold", "local", "info", "done"));
    advance(2);
    assertThat(released[0]).isTrue();
    assertThat(ran).doesNotContain("start IPaddr::10.0.0.11");
    assertThat(rm.snapshot().standby()).isEqualTo(StandbyState.NOT);
  }

  @Test
  void standbyHandshakeAsTheOtherNode() {
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1"));
    advance(1);
    sent.clear();
    rm.onMessage(peer("t", "ask_resources", "rsc_hold", "local", "info", "me"));
    assertThat(sent).singleElement().satisfies(m -> {
      assertThat(names(m)).containsExactly("t", "rsc_hold", "info", "src");
      assertThat(m.get("info")).contains("other");
    });
    rm.onMessage(peer("t", "resource", "rsc_hold", "none", "rtype", "full", "isstable", "0", "info", "standby"));
    rm.onMessage(peer("t", "ask_resources", "rsc_hold", "local", "info", "done"));
    advance(1);
    assertThat(ran).endsWith("start IPaddr::10.0.0.11");
    assertThat(logs.lines()).containsSubsequence("info: n2 wants to go standby [local]",
        "info: standby: acquire [local] resources from n2", "info: acquire foreign HA resources (standby).",
        "info: foreign HA resource acquisition completed (standby).",
        "info: Standby resource acquisition done [local].");
    assertThat(rm.snapshot().held()).isEqualTo(HeldSet.ALL);
  }

  @Test
  void aConfiguredFencerIsRetriedEveryFiveSecondsAndTakeoverWaitsForSuccess() {
    device = Optional.of(ssh.answering(call -> call == 1 ? Fencer.Result.BAD : Fencer.Result.OK));
    node1(AutoFailback.ON);
    rm.onNodeStatus("n2", "init", "dead");
    rm.onCommUp();
    assertThat(logs.lines()).contains("ERROR: STONITH of n2 failed.  Retrying...");
    advance(4.9);
    assertThat(ran).isEmpty();
    advance(0.2);
    advance(1);
    assertThat(logs.lines()).containsSubsequence("info: node n2 now reset.",
        "info: Resources being acquired from n2.");
    assertThat(sent).filteredOn(m -> m.type().equals("stonith"))
        .extracting(m -> m.get("result").orElse("")).containsExactly("bad", "OK");
    assertThat(logs.lines()).contains("CRIT: Takeover of n2's resources blocked until it is reset: next attempt in 5 s");
    assertThat(rm.fencing().peers()).singleElement()
        .satisfies(p -> assertThat(p.phase()).isEqualTo("done"));
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10", "start IPaddr::10.0.0.11");
  }

  /** A retry of a failed reset belongs to one death: the peer's return ends it, a new death starts its own. */
  @Test
  void aPeerThatReturnsEndsTheResetRetriesOfItsEarlierDeath() {
    List<Double> resets = new ArrayList<>();
    device = Optional.of(ssh.answering(call -> {
      resets.add(env.clock.nanoTime() / 1e9);
      return Fencer.Result.BAD;
    }));
    node1(AutoFailback.ON);
    double t0 = env.clock.nanoTime() / 1e9;
    rm.onNodeStatus("n2", "init", "dead");
    rm.onCommUp();
    advance(2);
    rm.onNodeStatus("n2", "dead", "up");
    advance(1);
    rm.onNodeStatus("n2", "up", "dead");
    advance(20);
    // the second death's own chain only: at 3 s, then 5 s and 10 s after each failure (FenceLedger)
    assertThat(resets).map(t -> Math.round((t - t0) * 10) / 10.0).containsExactly(0.0, 3.0, 8.0, 18.0);
  }

  @Test
  void legacyWaitsForTheResetOfAPeerDeadAtCommUpBeforeAcquiringItsOwnGroups() {
    // regression (FencingSimulationTest seeds 1000094, 1000142, 1000211, 1000241): a node booting
    // into a partition started its own group while the unheard peer, which ran it, was being reset
    device = Optional.of(ssh.answering(Fencer.Result.OK).after(Duration.ofSeconds(2)));
    node1(AutoFailback.LEGACY);
    rm.onNodeStatus("n2", "init", "dead");
    rm.onCommUp();
    advance(1.9);
    assertThat(ran).isEmpty();
    assertThat(sent).extracting(Message::type).doesNotContain("ip-request-resp", "ip-request");
    advance(2);
    assertThat(logs.lines()).containsSubsequence("info: Local resource acquisition deferred until n2 is reset.",
        "info: Resetting node n2 with [external/ssh]", "info: node n2 now reset.",
        "info: Resources being acquired from n2.", "info: mach_down takeover complete for node n2.",
        "info: Initial resource acquisition complete (status)",
        "info: received ip-request-resp IPaddr::10.0.0.10 OK yes");
    assertThat(ran).containsExactly("start IPaddr::10.0.0.11", "start IPaddr::10.0.0.10");
  }

  @Test
  void legacyAsksForItsOwnGroupsWhenAPeerAwaitingItsResetRestarts() {
    device = Optional.of(ssh.answering(Fencer.Result.BAD).after(Duration.ofSeconds(2)));
    node1(AutoFailback.LEGACY);
    rm.onNodeStatus("n2", "init", "dead");
    rm.onCommUp();
    advance(3);
    assertThat(logs.lines()).contains("ERROR: STONITH of n2 failed.  Retrying...");
    assertThat(sent).extracting(Message::type).doesNotContain("ip-request-resp", "ip-request");
    rm.onNodeStatus("n2", "dead", "up"); // it rebooted by itself: it runs nothing now
    assertThat(sent).filteredOn(m -> m.type().equals("ip-request"))
        .singleElement().satisfies(m -> assertThat(m.get("ipaddr")).contains("IPaddr::10.0.0.10"));
    rm.onMessage(peer("t", "ip-request-resp", "dest", "n1", "ipaddr", "IPaddr::10.0.0.10", "weown", "no", "ok", "OK"));
    advance(10);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
  }

  @Test
  void legacyAsksAgainForAnUnansweredGroupWhenThePeerRestarts() {
    // regression (FencingSimulationTest seed 1001297): the peer was shutting down and never
    // answered; it came back before its reset landed, so nothing was taken over, and the
    // restarted peer asked only for its own group
    device = Optional.of(ssh.answering(Fencer.Result.BAD).after(Duration.ofSeconds(2)));
    node1(AutoFailback.LEGACY);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onNodeStatus("n2", "active", "dead");
    advance(3);
    long asked = sent.stream().filter(m -> m.type().equals("ip-request")).count();
    rm.onNodeStatus("n2", "dead", "init");
    assertThat(sent).filteredOn(m -> m.type().equals("ip-request")).hasSize((int) asked + 1)
        .last().satisfies(m -> assertThat(m.get("ipaddr")).contains("IPaddr::10.0.0.10"));
    rm.onMessage(peer("t", "ip-request-resp", "dest", "n1", "ipaddr", "IPaddr::10.0.0.10", "weown", "no", "ok", "OK"));
    advance(1);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
  }

  @Test
  void standbyWithoutReplyIsCancelledAfterTenSeconds() {
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1"));
    advance(1);
    assertThat(rm.standby("all")).isEqualTo(ControlOutcome.sent("Going standby [all]."));
    assertThat(rm.rscstatus()).isEqualTo("transition");
    assertThat(rm.standby("all").text()).isEqualTo(
        "Standby in progress- new request from n1 ignored [10 seconds left]");
    advance(9.9);
    assertThat(rm.snapshot().standby()).isEqualTo(StandbyState.ME);
    advance(0.2);
    assertThat(logs.lines()).contains("info: No reply to standby request.  Standby request cancelled.");
    assertThat(rm.snapshot().standby()).isEqualTo(StandbyState.NOT);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10"); // nothing given up
  }

  @Test
  void snapshotShowsStateOwnerAndReasonPerGroup() {
    node1(AutoFailback.OFF);
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1"));
    advance(0.05);
    ResourceSnapshot during = rm.snapshot();
    assertThat(during.groups().get(0).state()).isEqualTo(GroupState.STARTING);
    assertThat(during.rscstatus()).isEqualTo("transition");
    advance(1);
    ResourceSnapshot s = rm.snapshot();
    assertThat(s.state()).isEqualTo(RmState.STABLE);
    assertThat(s.groups()).extracting(ResourceSnapshot.GroupView::key, ResourceSnapshot.GroupView::preferredNode,
        ResourceSnapshot.GroupView::state, ResourceSnapshot.GroupView::owner).containsExactly(
        org.assertj.core.groups.Tuple.tuple("IPaddr::10.0.0.10", "n1", GroupState.RUNNING, "n1"),
        org.assertj.core.groups.Tuple.tuple("IPaddr::10.0.0.11", "n2", GroupState.STOPPED, "n2"));
    assertThat(s.groups().get(0).reason()).isEqualTo("req_our_resources");
    assertThat(s.groups().get(0).lastChangeMillis()).isEqualTo(env.clock.wallMillis() - 950);
  }

  @Test
  void autoFailbackStartsOnceTheReturningPeerIsStable() {
    node1(AutoFailback.ON);
    rm.onNodeStatus("n2", "init", "dead");
    rm.onCommUp();
    advance(12); // alone: everything taken over, stable after the 10 s timer
    assertThat(rm.rscstatus()).isEqualTo("all");
    rm.onNodeStatus("n2", "dead", "init");
    rm.onNodeStatus("n2", "init", "active");
    rm.onMessage(peer("t", "starting"));
    rm.onMessage(peer("t", "resource", "rsc_hold", "none", "rtype", "full", "isstable", "0"));
    advance(3);
    assertThat(sent).noneMatch(m -> m.type().equals("ask_resources"));
    rm.onMessage(peer("t", "resource", "rsc_hold", "none", "rtype", "full", "isstable", "1"));
    assertThat(sent).filteredOn(m -> m.type().equals("ask_resources")).singleElement()
        .satisfies(m -> {
          assertThat(m.get("rsc_hold")).contains("foreign");
          assertThat(m.get("info")).contains("me");
        });
  }
}
