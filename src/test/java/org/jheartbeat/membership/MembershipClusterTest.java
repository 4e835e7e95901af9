package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jheartbeat.config.Timing;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.wire.Field;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Membership engines in a simulated cluster (ManualScheduler, in-memory network). */
class MembershipClusterTest {
  private static final List<String> TWO = List.of("n1", "n2");
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.membership");

  private static List<String> names(Message m) {
    return m.fields().stream().map(Field::name).toList();
  }

  @Test
  void startsAloneThenDeclaresPeerDeadAtInitdeadAndGoesActive() {
    SimCluster sim = new SimCluster(1);
    sim.add("n1", TestConfigs.cf("n1", TWO), 7);
    sim.start("n1");
    sim.advance(Duration.ofMillis(10));

    List<Message> statuses = sim.sentOfType("n1", "status");
    assertThat(statuses).hasSize(3);
    assertThat(statuses).extracting(m -> m.get("st").orElseThrow()).containsExactly("init", "up", "up");
    assertThat(statuses.get(0).get("dt")).contains("2ee0"); // deadtime 10 s + 2 s
    assertThat(names(statuses.get(0)))
        .containsExactly("t", "st", "dt", "protocol", "src", "srcuuid", "seq", "hg", "ts", "ld", "ttl");
    assertThat(statuses).extracting(m -> m.get("seq").orElseThrow()).containsExactly("1", "2", "3");
    assertThat(statuses.get(0).get("hg")).contains("7");
    assertThat(statuses.get(0).get("ttl")).contains("3");
    assertThat(statuses.get(0).binary("srcuuid")).hasValueSatisfying(
        u -> assertThat(u).isEqualTo(TestConfigs.uuidOf("n1")));
    assertThat(logs.linesOf("n1")).contains("info: Local status now set to: 'up'", "info: Link n1:eth0 up.");

    sim.advance(Duration.ofMillis(5_000));
    assertThat(sim.sentOfType("n1", "status")).last()
        .satisfies(m -> assertThat(m.get("dt")).contains("2710"));

    sim.advance(Duration.ofMillis(14_000)); // t = 19.01 s < initdead 20 s
    assertThat(logs.lines()).noneMatch(l -> l.contains("is dead"));
    assertThat(sim.get("n1").localStatus()).isEqualTo(NodeStatus.UP);

    sim.advance(Duration.ofMillis(1_300));
    assertThat(logs.linesOf("n1")).containsSubsequence(
        "WARN: node n2: is dead",
        "info: Comm_now_up(): updating status to active",
        "info: Local status now set to: 'active'");
    assertThat(sim.get("n1").localStatus()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(sim.sentOfType("n1", "reqnodes")).isEmpty();
    assertThat(sim.sentOfType("n1", "status")).last()
        .satisfies(m -> assertThat(m.get("st")).contains("active"));
    assertThat(sim.get("n1").snapshot().node("n2").status()).isEqualTo(NodeStatus.DEAD);
    assertThat(sim.edges.get("n1")).contains("n2 init->dead", "commUp");
  }

  @Test
  void twoNodesExchangeNodeListsAndBothBecomeActiveWithinAKeepalive() {
    SimCluster sim = twoNodes(2);
    sim.advance(Duration.ofMillis(1_200));

    assertThat(sim.get("n1").localStatus()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(sim.get("n2").localStatus()).isEqualTo(NodeStatus.ACTIVE);
    Message req = sim.sentOfType("n1", "reqnodes").get(0);
    assertThat(names(req)).containsExactly(
        "t", "dest", "destuuid", "src", "srcuuid", "seq", "hg", "ts", "ld", "ttl");
    assertThat(req.get("dest")).contains("n2");
    Message rep = sim.sentOfType("n2", "repnodes").get(0);
    assertThat(names(rep)).startsWith("dest", "t", "nodelist", "delnodelist", "destuuid", "src");
    assertThat(rep.get("nodelist")).contains("n1 n2 ");
    assertThat(rep.get("delnodelist")).contains(" ");
    assertThat(logs.linesOf("n1")).contains(
        "info: Link n2:eth0 up.", "info: Status update for node n2: status up",
        "info: Status update for node n2: status active", "info: Local status now set to: 'active'");
    assertThat(logs.lines()).noneMatch(l -> l.contains("WARN") || l.contains("ERROR"));
  }

  @Test
  void lateHeartbeatWarnsAboveWarntimeAndIsCriticalAboveDeadtime() {
    SimCluster sim = new SimCluster(3);
    sim.add("n1", TestConfigs.cf("n1", TWO), 1);
    // n2 advertises a dead time of 30 s, so n1 waits for it longer than its own deadtime
    sim.add("n2", TestConfigs.cf("n2", TWO, new Timing(1000, 30_000, 3000, 60_000, 30_000),
        List.of("eth0"), List.of()), 1);
    sim.start("n1");
    sim.start("n2");
    sim.advance(Duration.ofMillis(10_000));
    logs.clear();

    boolean[] block = {true};
    sim.rules.add((from, to, medium, m) -> block[0] && from.equals("n2") && to.equals("n1"));
    sim.advance(Duration.ofMillis(3_500));
    block[0] = false;
    sim.advance(Duration.ofMillis(1_000));
    assertThat(logs.linesOf("n1")).contains("WARN: Late heartbeat: Node n2: interval 4000 ms");

    block[0] = true; // t = 14.5 s: the statuses of 15..25 s are lost, the one of 26 s arrives
    sim.advance(Duration.ofMillis(11_000));
    assertThat(logs.linesOf("n1")).noneMatch(l -> l.contains("is dead"));
    block[0] = false;
    sim.advance(Duration.ofMillis(1_000));
    assertThat(logs.linesOf("n1")).containsSubsequence(
        "CRIT: Late heartbeat: Node n2: interval 12000 ms (> deadtime)",
        "WARN: node n2: is dead",
        "info: Status update for node n2: status active");
    assertThat(sim.get("n1").snapshot().largestLateIntervalMs()).isEqualTo(12_000);
  }

  @Test
  void aPeerIsDeclaredDeadAfterItsOwnAdvertisedDeadTime() {
    SimCluster sim = new SimCluster(4);
    sim.add("n1", TestConfigs.cf("n1", TWO), 1);
    sim.add("n2", TestConfigs.cf("n2", TWO, new Timing(1000, 20_000, 5000, 40_000, 20_000),
        List.of("eth0"), List.of()), 1);
    sim.start("n1");
    sim.start("n2");
    sim.advance(Duration.ofMillis(8_000));
    assertThat(sim.get("n1").snapshot().node("n2").deadTimeMs()).isEqualTo(20_000);

    sim.stop("n2");
    sim.advance(Duration.ofMillis(19_500));
    assertThat(sim.get("n1").snapshot().node("n2").status()).isEqualTo(NodeStatus.ACTIVE);
    sim.advance(Duration.ofMillis(1_000));
    assertThat(sim.get("n1").snapshot().node("n2").status()).isEqualTo(NodeStatus.DEAD);
    assertThat(logs.linesOf("n1")).contains("WARN: node n2: is dead");
  }

  @Test
  void aPartitionedPeerRejoinsWhenItsStatusArrivesAgain() {
    SimCluster sim = twoNodes(5);
    sim.advance(Duration.ofMillis(3_000));
    boolean[] cut = {true};
    sim.rules.add((from, to, medium, m) -> cut[0] && !from.equals(to));
    // the last dt n1 heard from n2 is the start-up one (12 s): the 5 s drop was cut off
    sim.advance(Duration.ofMillis(11_500));
    assertThat(sim.get("n1").snapshot().node("n2").status()).isEqualTo(NodeStatus.ACTIVE);
    sim.advance(Duration.ofMillis(1_000));
    assertThat(sim.get("n1").snapshot().node("n2").status()).isEqualTo(NodeStatus.DEAD);
    assertThat(sim.get("n2").snapshot().node("n1").status()).isEqualTo(NodeStatus.DEAD);
    assertThat(logs.linesOf("n1")).contains("WARN: node n2: is dead", "info: Link n2:eth0 dead.");

    cut[0] = false;
    logs.clear();
    sim.advance(Duration.ofMillis(2_000));
    assertThat(sim.get("n1").snapshot().node("n2").status()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(logs.linesOf("n1")).contains(
        "info: Link n2:eth0 up.", "info: Status update for node n2: status active");
    assertThat(logs.lines()).noneMatch(l -> l.contains("Heartbeat restart"));
  }

  @Test
  void aRestartedPeerWithANewGenerationIsSeenGoingThroughInitUpActive() {
    SimCluster sim = twoNodes(6);
    sim.advance(Duration.ofMillis(5_000));
    sim.stop("n2");
    sim.advance(Duration.ofMillis(2_000));
    logs.clear();

    sim.add("n2", TestConfigs.cf("n2", TWO), 2);
    sim.start("n2");
    sim.advance(Duration.ofMillis(3_000));
    assertThat(logs.linesOf("n1")).containsSubsequence(
        "info: Heartbeat restart on node n2",
        "info: Status update for node n2: status init",
        "info: Status update for node n2: status up",
        "info: Status update for node n2: status active");
    assertThat(sim.get("n2").localStatus()).isEqualTo(NodeStatus.ACTIVE);
    assertThat(logs.lines()).noneMatch(l -> l.contains("lost packet") || l.contains("replay"));
  }

  @Test
  void everyMessageIsRecoveredUnderTwentyPercentLoss() {
    SimCluster sim = twoNodes(20_260_124L);
    sim.advance(Duration.ofMillis(3_000));
    sim.loss = 0.2;
    sim.duplicate = 0.05;
    sim.jitterMs = 20;
    int count = 300;
    for (int i = 1; i <= count; i++) {
      int n = i;
      sim.send("n2", Message.builder().add("t", "app").add("n", Integer.toString(n)).build());
      sim.send("n1", Message.builder().add("t", "app").add("n", Integer.toString(n)).build());
      sim.advance(Duration.ofMillis(100));
    }
    sim.loss = 0;
    sim.advance(Duration.ofMillis(3_000));

    for (String node : List.of("n1", "n2")) {
      String other = node.equals("n1") ? "n2" : "n1";
      Set<Integer> got = new TreeSet<>();
      sim.delivered.get(node).stream()
          .filter(m -> m.type().equals("app") && m.get("src").orElseThrow().equals(other))
          .forEach(m -> assertThat(got.add(Integer.parseInt(m.get("n").orElseThrow())))
              .as("delivered once").isTrue());
      assertThat(got).hasSize(count);
      assertThat(sim.get(node).missingFrom(other)).isEmpty();
      assertThat(sim.sentOfType(node, "NS_rexmit")).isNotEmpty();
    }
    assertThat(logs.lines()).anyMatch(l -> l.matches("n1 WARN: \\d+ lost packet\\(s\\) for \\[n2\\] \\[\\d+:\\d+\\]"));
    assertThat(logs.lines()).contains("n1 info: No pkts missing from n2!", "n2 info: No pkts missing from n1!");
    assertThat(logs.lines()).noneMatch(l -> l.contains("Irretrievably") || l.contains("is dead"));
    assertThat(sim.get("n1").pendingRexmitTimers()).isZero();
  }

  @Test
  void acksAreSentAtTheTriggerDigitToPeersAndToSelf() {
    SimCluster sim = twoNodes(8);
    sim.advance(Duration.ofMillis(30_000));
    List<Message> acks = sim.sentOfType("n1", "NS_ackmsg");
    List<Message> toPeer = acks.stream().filter(m -> m.get("dest").orElseThrow().equals("n2")).toList();
    List<Message> toSelf = acks.stream().filter(m -> m.get("dest").orElseThrow().equals("n1")).toList();
    assertThat(toPeer).hasSizeBetween(2, 4);
    assertThat(toSelf).hasSizeBetween(2, 4);
    List<Long> peerSeqs = toPeer.stream().map(m -> Long.parseLong(m.get("ackseq").orElseThrow(), 16)).toList();
    assertThat(peerSeqs).allMatch(s -> s % 10 == peerSeqs.get(0) % 10);
    assertThat(names(toPeer.get(0))).containsExactly(
        "t", "dest", "ackseq", "destuuid", "src", "srcuuid", "hg", "ts", "ttl");
  }

  @Test
  void eachMediumHasItsOwnLink() {
    SimCluster sim = new SimCluster(9);
    Timing t = new Timing(1000, 10_000, 3000, 20_000, 10_000);
    sim.add("n1", TestConfigs.cf("n1", TWO, t, List.of("eth0", "eth1"), List.of()), 1);
    sim.add("n2", TestConfigs.cf("n2", TWO, t, List.of("eth0", "eth1"), List.of()), 1);
    sim.start("n1");
    sim.start("n2");
    sim.advance(Duration.ofMillis(3_000));
    assertThat(logs.linesOf("n1")).contains("info: Link n2:eth0 up.", "info: Link n2:eth1 up.");

    boolean[] cut = {true};
    sim.rules.add((from, to, medium, m) -> cut[0] && from.equals("n2") && medium.equals("eth1"));
    sim.advance(Duration.ofMillis(9_800));
    assertThat(logs.linesOf("n1")).doesNotContain("info: Link n2:eth1 dead.");
    sim.advance(Duration.ofMillis(500));
    assertThat(logs.linesOf("n1")).contains("info: Link n2:eth1 dead.");
    assertThat(sim.get("n1").snapshot().node("n2").links())
        .containsEntry("eth0", LinkStatus.UP).containsEntry("eth1", LinkStatus.DEAD);
    assertThat(sim.get("n1").snapshot().node("n2").status()).isEqualTo(NodeStatus.ACTIVE);

    cut[0] = false;
    sim.advance(Duration.ofMillis(1_100));
    assertThat(sim.edges.get("n1")).containsSubsequence("n2:eth1 up", "n2:eth1 dead", "n2:eth1 up");
  }

  private static SimCluster twoNodes(long seed) {
    SimCluster sim = new SimCluster(seed);
    sim.add("n1", TestConfigs.cf("n1", TWO), 1);
    sim.add("n2", TestConfigs.cf("n2", TWO), 1);
    sim.start("n1");
    sim.start("n2");
    return sim;
  }
}
