package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer that dies and comes back with a new generation before this node acted on its death
 * (FencingSimulationTest seeds 1000276, 1000072, 1000193: under ping_quorum the decision waits
 * its settle delay, and a reset may still be failing): the restarted peer holds nothing, so the
 * takeover owed for the death still runs, after a reset when a device is configured. A peer back
 * from a partition ({@code dead -> active}) keeps what it holds; groups that nobody holds after
 * the heal are taken again by their home node, with a device only after asking the peer.
 */
class DeadPeerTakeoverRestartTest {
  /** n1's groups first, then n2's (RmSim's haresources below). */
  private static final List<String> BOTH = List.of("start IPaddr::10.0.0.10", "start IPaddr::10.0.0.11");

  private final List<Message> sent = new ArrayList<>();
  private final List<String> ran = new ArrayList<>();
  private final List<String> resets = new ArrayList<>();
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.resources");
  private RmSim env;
  private ResourceManager rm;
  /** What the fake device answers, in order; empty: no device. */
  private final List<Fencer.Result> answers = new ArrayList<>();
  /** How long the fake device takes to answer. */
  private Duration resetTakes = Duration.ofMillis(500);

  /** n1 under ping_quorum, reaching the ping node, stable and holding nothing while n2 holds everything. */
  private void n1WhileN2HoldsAll(AutoFailback mode) {
    n1Stable(mode, "all");
    assertThat(ran).as("n1 acquires nothing: n2 holds everything").isEmpty();
  }

  /** n1 under ping_quorum, reaching the ping node, stable after n2 reported holding {@code n2Holds}. */
  private void n1Stable(AutoFailback mode, String n2Holds) {
    env = new RmSim(mode, List.of("n1", "n2"), List.of("n1 IPaddr::10.0.0.10", "n2 IPaddr::10.0.0.11"));
    env.policy = "ping_quorum";
    GroupActions agents = env.recordingActions(ran);
    Fencer fencer = answers.isEmpty() ? Fencer.NO_DEVICE : env.device(RmSim.FakeDevice.named("external/test")
        .answering(call -> answers.size() > 1 ? answers.remove(0) : answers.get(0))
        .after(resetTakes).recordingInto(resets));
    rm = new ResourceManager(env.rmCf("n1"), env.res, agents, fencer, env.clock, env.scheduler, m -> {
      Message own = m.with("src", "n1");
      sent.add(own);
      rm.onMessage(own);
    }, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), (group, from, to, reason) -> {});
    rm.onNodeStatus(RmSim.PING, "init", "ping");
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", n2Holds, "rtype", "full", "isstable", "1"));
    advance(1);
  }

  private static Message peer(String... kv) {
    return RmSim.from("n2", kv);
  }

  private void advance(double s) {
    env.scheduler.advance(Duration.ofMillis((long) (s * 1000)));
  }

  private List<String> stonithResults() {
    return sent.stream().filter(m -> m.type().equals("stonith")).map(m -> m.get("result").orElse("")).toList();
  }

  @Test
  void aPeerRestartedWithinTheQuorumsSettleDelayIsTakenOverAsAfterItsDeath() {
    n1WhileN2HoldsAll(AutoFailback.OFF);
    rm.onNodeStatus("n2", "active", "dead");
    advance(0.5); // the quorum's settle delay here is 2 s
    rm.onNodeStatus("n2", "dead", "init");
    advance(1);
    assertThat(logs.lines()).contains("info: n2 restarted before its resources were taken over: taking them over as "
        + "after its death", "info: Resources being acquired from n2.");
    assertThat(stonithResults()).containsExactly("n_stnth");
    assertThat(ran).containsExactlyElementsOf(BOTH);
    // the restarting peer learns that we hold its groups, so it does not start them too
    sent.clear();
    rm.onMessage(peer("t", "starting"));
    assertThat(sent).filteredOn(m -> m.type().equals("resource")).last()
        .satisfies(m -> assertThat(m.get("rsc_hold")).contains("all"));
    advance(10);
    assertThat(ran).containsExactlyElementsOf(BOTH);
  }

  @Test
  void withADeviceTheRestartedPeerIsResetBeforeTheTakeover() {
    answers.add(Fencer.Result.OK);
    n1WhileN2HoldsAll(AutoFailback.ON);
    rm.onNodeStatus("n2", "active", "dead");
    advance(0.5);
    rm.onNodeStatus("n2", "dead", "init");
    rm.onNodeStatus("n2", "init", "up");
    assertThat(resets).containsExactly("n2");
    assertThat(ran).as("no takeover before the reset lands").isEmpty();
    advance(1);
    assertThat(logs.lines()).containsSubsequence("info: Resetting node n2 with [external/test]",
        "info: node n2 now reset.", "info: Resources being acquired from n2.");
    assertThat(stonithResults()).containsExactly("OK");
    assertThat(ran).containsExactlyElementsOf(BOTH);
  }

  @Test
  void theDeathThatTheResetCausesIsNotJudgedAgain() {
    answers.add(Fencer.Result.OK);
    n1WhileN2HoldsAll(AutoFailback.LEGACY);
    rm.onNodeStatus("n2", "active", "dead");
    advance(0.5);
    rm.onNodeStatus("n2", "dead", "up");
    advance(1);
    rm.onNodeStatus("n2", "up", "dead"); // the reset powered it off
    advance(0.5);
    rm.onNodeStatus("n2", "dead", "up"); // and it boots again within the quorum's settle delay
    advance(10);
    assertThat(resets).as("one reset, not one per reboot").containsExactly("n2");
    assertThat(logs.lines()).contains("info: Dead node n2 was reset by us and its resources taken over already.");
  }

  @Test
  void aPeerThatReturnsAndDiesAgainDuringItsResetIsNotResetTwiceAtOnce() {
    answers.add(Fencer.Result.OK);
    resetTakes = Duration.ofSeconds(10);
    n1WhileN2HoldsAll(AutoFailback.OFF);
    rm.onNodeStatus("n2", "active", "dead");
    advance(3); // past the settle delay: the reset starts and takes 10 s
    assertThat(resets).containsExactly("n2");
    rm.onNodeStatus("n2", "dead", "active"); // back from a partition
    advance(1);
    rm.onNodeStatus("n2", "active", "dead");
    advance(3);
    assertThat(resets).as("the running reset is not doubled").containsExactly("n2");
    assertThat(logs.lines()).contains("info: Reset of node n2 already in progress: its outcome counts for this death too");
    assertThat(ran).as("no takeover before the reset lands").isEmpty();
    advance(10);
    assertThat(stonithResults()).containsExactly("OK");
    assertThat(ran).containsExactlyElementsOf(BOTH);
    assertThat(resets).containsExactly("n2");
  }

  @Test
  void aResetStillFailingWhenThePeerRestartsIsRetriedAndThenTakesOver() {
    answers.addAll(List.of(Fencer.Result.BAD, Fencer.Result.OK));
    n1WhileN2HoldsAll(AutoFailback.OFF);
    rm.onNodeStatus("n2", "active", "dead");
    advance(3); // past the settle delay: the reset runs and fails, next attempt 5 s later
    assertThat(stonithResults()).containsExactly("bad");
    rm.onNodeStatus("n2", "dead", "up");
    advance(1);
    assertThat(ran).isEmpty();
    advance(6);
    assertThat(resets).containsExactly("n2", "n2");
    assertThat(stonithResults()).containsExactly("bad", "OK");
    assertThat(ran).containsExactlyElementsOf(BOTH);
    assertThat(rm.fencing().peers()).singleElement().satisfies(p -> assertThat(p.phase()).isEqualTo("done"));
  }

  @Test
  void aPeerRestartedBeforeItWasDeclaredDeadIsTakenOverToo() {
    // FencingSimulationTest seed 1002493: this node stalled through the peer's crash and heard
    // its next run first (active -> up), never dead
    n1WhileN2HoldsAll(AutoFailback.OFF);
    rm.onNodeStatus("n2", "active", "up");
    advance(1);
    assertThat(logs.lines()).contains("info: n2 restarted before it was declared dead: acting on the end of its "
        + "previous run");
    assertThat(ran).containsExactlyElementsOf(BOTH);
  }

  @Test
  void aNodeThatStoodDownTakesItsOwnGroupsAgainWhenThePartitionHealsAndNobodyHoldsThem() {
    // FencingSimulationTest seeds 1000324, 1000564: the peer stalled (or stood down too) and never took them
    n1Stable(AutoFailback.OFF, "local");
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
    ran.clear();
    rm.onNodeStatus(RmSim.PING, "ping", "dead");
    rm.onNodeStatus("n2", "active", "dead");
    advance(3); // past the settle delay: no ping node here, so n1 stands down
    assertThat(logs.lines()).contains("WARN: No ping node reachable and n2 may still reach one: standing down "
        + "(split_brain_policy ping_quorum)");
    assertThat(ran).containsExactly("stop IPaddr::10.0.0.10");
    rm.onNodeStatus("n2", "dead", "active");
    advance(3);
    assertThat(ran).containsExactly("stop IPaddr::10.0.0.10", "start IPaddr::10.0.0.10");
  }

  /** n1 with a device, holding its own group, stands down for want of a ping node and sees the partition heal. */
  private void n1StoodDownWithADeviceAndHealed() {
    answers.add(Fencer.Result.OK);
    n1Stable(AutoFailback.OFF, "local");
    rm.onNodeStatus(RmSim.PING, "ping", "dead");
    rm.onNodeStatus("n2", "active", "dead");
    advance(3);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10", "stop IPaddr::10.0.0.10");
    ran.clear();
    rm.onNodeStatus("n2", "dead", "active");
    sent.clear();
    advance(3); // the peer's answers to our heal reports never came (it processed them out of order)
  }

  @Test
  void withADeviceANodeThatStoodDownAsksThePeerBeforeTakingItsGroupsAgain() {
    // FencingSimulationTest seeds 1000720, 1000072, 1001919: after the heal nobody held the group
    n1StoodDownWithADeviceAndHealed();
    assertThat(logs.lines()).contains("info: Partition with n2 healed and nobody holds our resources: asking n2 "
        + "before acquiring them");
    assertThat(sent).extracting(Message::type).containsExactly("starting");
    assertThat(ran).as("nothing starts before the peer answered").isEmpty();
    rm.onMessage(peer("t", "resource", "rsc_hold", "local", "rtype", "full", "isstable", "1"));
    advance(1);
    assertThat(ran).containsExactly("start IPaddr::10.0.0.10");
    assertThat(resets).isEmpty();
  }

  @Test
  void aPeerThatAnswersWithOurGroupsKeepsThemAndLearnsThatWeAreStableAgain() {
    n1StoodDownWithADeviceAndHealed();
    rm.onMessage(peer("t", "resource", "rsc_hold", "all", "rtype", "full", "isstable", "1"));
    advance(1);
    assertThat(ran).isEmpty();
    assertThat(sent).filteredOn(m -> m.type().equals("resource")).last()
        .satisfies(m -> assertThat(m.get("isstable")).contains("1"));
  }

  @Test
  void aPeerThatAskedBeforeReclaimingIsResetIfItDiesBeforeItsClaimArrives() {
    // the other side of the question (seed 1001842): its last report said none, but its starting
    // says it may be acquiring now, so its death is no longer one that gave everything up
    answers.add(Fencer.Result.OK);
    n1Stable(AutoFailback.OFF, "none");
    rm.onMessage(peer("t", "starting"));
    rm.onNodeStatus("n2", "active", "dead");
    advance(4);
    assertThat(logs.lines()).doesNotContain("info: Dead node n2 gave up resources.");
    assertThat(resets).containsExactly("n2");
    assertThat(stonithResults()).containsExactly("OK");
  }

  @Test
  void aRestartedPeerThatDiesAgainBeforeItsResetIsStillResetFirst() {
    // seed 1001914: its new run never reported, so its silence is no report of none
    answers.addAll(List.of(Fencer.Result.BAD, Fencer.Result.BAD, Fencer.Result.OK));
    n1WhileN2HoldsAll(AutoFailback.OFF);
    rm.onNodeStatus("n2", "active", "dead");
    advance(3);
    rm.onNodeStatus("n2", "dead", "up");
    advance(1);
    rm.onNodeStatus("n2", "up", "dead");
    advance(1);
    assertThat(logs.lines()).doesNotContain("info: Dead node n2 gave up resources.");
    assertThat(ran).isEmpty();
    advance(20);
    assertThat(stonithResults()).containsExactly("bad", "bad", "OK");
    assertThat(ran).containsExactlyElementsOf(BOTH);
  }

  @Test
  void aPeerBackFromAPartitionWithinTheDelayKeepsWhatItHolds() {
    answers.add(Fencer.Result.OK);
    n1WhileN2HoldsAll(AutoFailback.OFF);
    rm.onNodeStatus("n2", "active", "dead");
    advance(0.5);
    rm.onNodeStatus("n2", "dead", "active");
    advance(10);
    assertThat(resets).isEmpty();
    assertThat(ran).isEmpty();
    assertThat(logs.lines()).doesNotContain("info: Resources being acquired from n2.");
  }
}
