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
 * {@link RuleFallback}: n1 (jheartbeat, {@code auto_failback off}, so the partition rule leaves
 * every overlapping group to n1, whose name sorts first) heals a partition with n2, played by hand.
 * n2 is either a real Heartbeat peer that never saw the partition (it keeps what it holds and says
 * nothing until asked; it hands the groups over when asked by hb_takeover, or not), a jheartbeat
 * peer that applies the rule, or a Heartbeat peer that restarts.
 */
class PartitionRuleFallbackTest {
  private static final String VIP1 = "IPaddr::10.0.0.10";
  private static final String VIP2 = "IPaddr::10.0.0.11";
  private final List<Message> sent = new ArrayList<>();
  private final List<String> ran = new ArrayList<>();
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.resources");
  private RmSim env;
  private ResourceManager rm;

  /**
   * n1 joins n2, which holds every group (as after a standby); then n2 falls silent past deadtime
   * (muted, or stalled) and n1 takes everything over; then n2 is heard again without a restart.
   */
  private void healedWithPeerHoldingEverything() {
    healedWithPeerHoldingEverything(List.of("n1 " + VIP1 + " httpd", "n2 " + VIP2));
  }

  private void healedWithPeerHoldingEverything(List<String> groups) {
    env = new RmSim(AutoFailback.OFF, List.of("n1", "n2"), groups);
    GroupActions agents = env.recordingActions(ran);
    rm = new ResourceManager(env.cf("n1"), env.res, agents, Fencer.NO_DEVICE, env.clock, env.scheduler, m -> {
      Message own = m.with("src", "n1");
      sent.add(own);
      rm.onMessage(own); // Heartbeat processes its own messages (wire §7.5)
    }, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), (group, from, to, reason) -> { });
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peerReport("all", "1"));
    advance(1);
    assertThat(rm.rscstatus()).isEqualTo("none");
    rm.onNodeStatus("n2", "active", "dead");
    advance(2);
    assertThat(rm.rscstatus()).isEqualTo("all");
    sent.clear();
    ran.clear();
    rm.onNodeStatus("n2", "dead", "active");
  }

  private static Message peerReport(String hold, String stable, String... more) {
    Message.Builder b = Message.builder().add("t", "resource").add("rsc_hold", hold).add("rtype", "full")
        .add("isstable", stable);
    for (int i = 0; i < more.length; i += 2) {
      b.add(more[i], more[i + 1]);
    }
    return b.add("src", "n2").build();
  }

  private void advance(double s) {
    env.scheduler.advance(Duration.ofMillis((long) (s * 1000)));
  }

  private List<String> reports() {
    return sent.stream().filter(m -> m.type().equals("resource"))
        .map(m -> m.get("rsc_hold").orElse("") + "/" + m.get("isstable").orElse("")).toList();
  }

  @Test
  void theHealAsksThePeerForItsHoldingsByATransitionThatEnds() {
    healedWithPeerHoldingEverything();
    assertThat(reports()).containsExactly("all/0", "all/1");
    assertThat(logs.lines()).contains("CRIT: Cluster node n2 returning after partition.");
  }

  private Message fromN2(String... kv) {
    Message.Builder b = Message.builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.add(kv[i], kv[i + 1]);
    }
    return b.add("src", "n2").build();
  }

  @Test
  void aPeerThatKeepsClaimingWhatTheRuleLeavesToUsIsAskedToHandItOver() {
    healedWithPeerHoldingEverything();
    rm.onMessage(peerReport("all", "1")); // Heartbeat's answer to the end of our transition
    assertThat(logs.lines()).contains(
        "info: n2 still claims [" + VIP1 + ", " + VIP2 + "] after our report: the partition rule leaves them to us;"
            + " waiting 5 s for it to give them up",
        "info: Partition rule (OFF): both hold [all]; giving up [none] to n2");
    advance(4.8);
    assertThat(sent).noneMatch(m -> m.type().equals("hb_takeover"));
    advance(0.5);
    assertThat(logs.lines()).contains("WARN: n2 still holds [" + VIP1 + ", " + VIP2 + "] 5 s after our report that"
        + " the partition rule leaves them to us: it does not apply the rule (a Heartbeat peer keeps what it"
        + " holds); asking it to hand [all] over (hb_takeover, request 1 of 2)");
    assertThat(sent).filteredOn(m -> m.type().equals("hb_takeover")).singleElement()
        .satisfies(m -> assertThat(m.get("rsc_hold")).contains("all"));
    // Heartbeat's rc.d/hb_takeover runs hb_standby all: the standby handshake, n2 requesting
    rm.onMessage(fromN2("t", "ask_resources", "rsc_hold", "all", "info", "me"));
    assertThat(sent).last().satisfies(m -> assertThat(m.get("info")).contains("other"));
    rm.onMessage(peerReport("none", "0", "info", "standby"));
    rm.onMessage(fromN2("t", "ask_resources", "rsc_hold", "all", "info", "done"));
    advance(1);
    rm.onMessage(peerReport("none", "1"));
    advance(40);
    assertThat(ran).as("the groups already run here: nothing stops, nothing starts").isEmpty();
    assertThat(rm.rscstatus()).isEqualTo("all");
    assertThat(sent).filteredOn(m -> m.type().equals("hb_takeover")).hasSize(1);
    assertThat(logs.lines()).contains("info: Partition settled: announcing [[" + VIP1 + ", " + VIP2 + "]] again");
  }

  @Test
  void aPeerThatHandsNothingOverGetsTheGroupsAfterTwoRequests() {
    healedWithPeerHoldingEverything();
    rm.onMessage(peerReport("all", "1"));
    advance(5.5 + 15);
    assertThat(sent).filteredOn(m -> m.type().equals("hb_takeover")).hasSize(2);
    assertThat(logs.lines()).anyMatch(l -> l.contains("still holds [" + VIP1 + ", " + VIP2 + "] 20 s after our"
        + " report") && l.endsWith("(hb_takeover, request 2 of 2)"));
    assertThat(ran).isEmpty();
    advance(15);
    assertThat(logs.lines()).contains("ERROR: n2 still holds [" + VIP1 + ", " + VIP2 + "] 35 s after our report"
        + " and did not hand them over: giving [all] up to it");
    assertThat(ran).containsExactlyInAnyOrder("stop " + VIP1, "stop " + VIP2);
    assertThat(rm.rscstatus()).isEqualTo("none");
    assertThat(reports()).last().isEqualTo("none/1");
    rm.onMessage(peerReport("all", "1"));
    advance(60);
    assertThat(ran).as("one owner now, nothing moves any more").hasSize(2);
    assertThat(sent).filteredOn(m -> m.type().equals("hb_takeover")).hasSize(2);
    assertThat(rm.snapshot().groups()).allSatisfy(g -> assertThat(g.owner()).isEqualTo("n2"));
  }

  @Test
  void aClaimOnASetWithoutGroupsIsNoClaim() {
    healedWithPeerHoldingEverything(List.of("n1 " + VIP1 + " httpd")); // n2 is preferred for nothing
    rm.onMessage(peerReport("local", "1")); // n2 holds its own (empty) set: nothing of ours
    advance(40);
    assertThat(logs.lines()).noneMatch(l -> l.contains("still claims") || l.contains("still holds"));
    assertThat(sent).noneMatch(m -> m.type().equals("hb_takeover"));
  }

  @Test
  void aPeerPreferredForNothingThatHandsOverLeavesUsToAnnounceAgain() {
    healedWithPeerHoldingEverything(List.of("n1 " + VIP1 + " httpd"));
    peerDeclaresUsDeadAndTakesOver(); // Heartbeat stalled past deadtime, resumed on its stale view
    rm.onMessage(peerReport("all", "1"));
    advance(5.5);
    assertThat(sent).filteredOn(m -> m.type().equals("hb_takeover")).singleElement()
        .satisfies(m -> assertThat(m.get("rsc_hold")).as("all it claims of ours, the empty set too")
            .contains("all"));
    // its hb_standby all hands the group over, and its own empty set: afterwards nothing overlaps
    rm.onMessage(fromN2("t", "ask_resources", "rsc_hold", "all", "info", "me"));
    rm.onMessage(peerReport("none", "0", "info", "standby"));
    rm.onMessage(fromN2("t", "ask_resources", "rsc_hold", "all", "info", "done"));
    advance(1);
    rm.onMessage(peerReport("none", "1"));
    advance(1);
    assertThat(logs.lines()).contains("info: Partition settled: announcing [[" + VIP1 + "]] again");
    assertThat(rm.rscstatus()).isEqualTo("all");
    advance(40);
    assertThat(sent).filteredOn(m -> m.type().equals("hb_takeover")).hasSize(1);
    long overlaps = logs.lines().stream().filter(l -> l.contains("Both machines own")).count();
    rm.onMessage(peerReport("none", "1"));
    assertThat(logs.lines().stream().filter(l -> l.contains("Both machines own")).count()).isEqualTo(overlaps);
  }

  @Test
  void aPeerThatAppliesTheRuleKeepsItsGroupsGivenUp() {
    healedWithPeerHoldingEverything();
    rm.onMessage(peerReport("all", "1"));
    advance(0.5);
    rm.onMessage(peerReport("none", "1")); // jheartbeat: the loser stopped its duplicates
    advance(20);
    assertThat(ran).isEmpty();
    assertThat(rm.rscstatus()).isEqualTo("all");
    assertThat(logs.lines()).noneMatch(l -> l.contains("does not apply the rule"));
  }

  @Test
  void aPeerThatRestartsAfterTheHealIsLeftToDoSo() {
    healedWithPeerHoldingEverything();
    rm.onMessage(peerReport("all", "1"));
    advance(2);
    rm.onMessage(peerReport("none", "0", "info", "shutdown"));
    advance(4);
    assertThat(logs.lines()).noneMatch(l -> l.contains("does not apply the rule"));
    rm.onMessage(Message.builder().add("t", "shutdone").add("st", "dead").add("src", "n2").build());
    advance(10);
    assertThat(rm.rscstatus()).isEqualTo("all");
    assertThat(ran).isEmpty();
  }

  private void peerDeclaresUsDeadAndTakesOver() {
    rm.onMessage(fromN2("t", "stonith", "node", "n1", "result", "n_stnth"));
    rm.onMessage(fromN2("t", "resource", "rsc_hold", "foreign", "info", "mach_down"));
  }

  @Test
  void claimsOfAPeerThatDeclaredUsDeadCountOnlyAfterItAnswersUs() {
    healedWithPeerHoldingEverything();
    // one-way loss the other way round: n2 does not hear us, declares us dead, takes over
    rm.onMessage(fromN2("t", "stonith", "node", "n1", "result", "n_stnth"));
    rm.onMessage(peerReport("all", "1", "info", "req_our_resources()"));
    sent.clear();
    rm.onMessage(fromN2("t", "resource", "rsc_hold", "foreign", "info", "mach_down"));
    assertThat(reports()).as("our holdings, for a peer that hears us to answer").startsWith("all/0", "all/1");
    advance(10);
    assertThat(sent).noneMatch(m -> m.type().equals("hb_takeover"));
    assertThat(rm.rscstatus()).isEqualTo("all");
  }

  @Test
  void aStalledPeerThatTookOverAndHearsUsAgainIsAskedToHandItOver() {
    healedWithPeerHoldingEverything();
    peerDeclaresUsDeadAndTakesOver(); // Heartbeat on SIGCONT, on its stale view, without a restart
    rm.onMessage(peerReport("all", "1")); // its answer to our holdings
    advance(5.5);
    assertThat(sent).filteredOn(m -> m.type().equals("hb_takeover")).singleElement()
        .satisfies(m -> assertThat(m.get("rsc_hold")).contains("all"));
  }

  @Test
  void groupsBothSidesLetGoAreTakenBack() {
    healedWithPeerHoldingEverything();
    rm.onMessage(peerReport("all", "1"));
    advance(36);
    assertThat(rm.rscstatus()).isEqualTo("none");
    ran.clear();
    // a peer that applied the rule late: its release crossed ours
    rm.onMessage(peerReport("none", "1"));
    advance(1);
    assertThat(logs.lines()).contains("info: n2 gave up [" + VIP1 + ", " + VIP2 + "] too: the partition rule"
        + " leaves them to us, taking them back");
    assertThat(ran).containsExactlyInAnyOrder("start " + VIP1, "start " + VIP2);
    assertThat(rm.rscstatus()).isEqualTo("all");
  }
}
