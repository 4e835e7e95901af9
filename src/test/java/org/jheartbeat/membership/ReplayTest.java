package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replayed packets are authentic (they carry a valid signature) but old: a captured message of
 * an earlier generation of the sender, or of its current generation with a sequence number
 * already seen. Neither may reach the resource layer (no second delivery of a resource,
 * standby or takeover message) nor change a node's status.
 */
class ReplayTest {
  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<Message> delivered = new ArrayList<>();
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.membership");
  private Membership n1;

  @BeforeEach
  void start() {
    startN1();
  }

  private void startN1() {
    n1 = new Membership(TestConfigs.cf("n1", List.of("n1", "n2")),
        new LocalIdentity("n1", TestConfigs.uuidOf("n1"), 1), clock, scheduler, m -> { },
        () -> "0.00 0.00 0.00 1/1 1", new Random(42), new MembershipListener() {
          @Override
          public void delivered(Message message) {
            delivered.add(message);
          }
        }, new MembershipMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    n1.start();
  }

  private static Message standbyRequest(FakePeer p) {
    return p.stamp(Message.builder().add("t", "ask_resources").add("rsc_hold", "all").add("info", "me").build());
  }

  private static Message takeover(FakePeer p) {
    return p.stamp(Message.builder().add("t", "hb_takeover").add("rsc_hold", "all").build());
  }

  @Test
  void resourceMessagesOfAnEarlierGenerationAreNotDelivered() {
    FakePeer before = new FakePeer("n2", 5, clock, 2);
    n1.receive(before.status("up"), "eth0");
    Message oldStandby = standbyRequest(before);
    Message oldTakeover = takeover(before);
    n1.receive(oldStandby, "eth0");
    n1.receive(oldTakeover, "eth0");
    assertThat(delivered).hasSize(2);

    FakePeer after = new FakePeer("n2", 6, clock, 2);
    n1.receive(after.status("up"), "eth0");
    delivered.clear();
    n1.receive(oldStandby, "eth0");
    n1.receive(oldTakeover, "eth0");
    n1.receive(before.status("dead"), "eth0");
    assertThat(delivered).isEmpty();
    assertThat(n1.snapshot().node("n2").status()).isEqualTo(NodeStatus.UP);
    assertThat(logs.lines()).filteredOn(l -> l.startsWith("ERROR: attempted replay attack [n2]? [gen = 5, curgen = 6]"))
        .hasSize(3);
  }

  @Test
  void resourceMessagesWithASeenSequenceNumberAreNotDeliveredAgain() {
    FakePeer n2 = new FakePeer("n2", 5, clock, 2);
    n1.receive(n2.status("up"), "eth0");
    Message standby = standbyRequest(n2);
    n1.receive(standby, "eth0");
    Message status = n2.status("active");
    n1.receive(status, "eth0");
    n1.receive(n2.app(1), "eth0");
    delivered.clear();
    for (int i = 0; i < 3; i++) {
      n1.receive(standby, "eth0");
      n1.receive(status, "eth0");
    }
    assertThat(delivered).isEmpty();
    assertThat(n1.missingFrom("n2")).isEmpty();
  }

  @Test
  void oldSequenceNumbersStayRefusedAfterAGapLargeEnoughToResetTheSequenceState() {
    FakePeer n2 = new FakePeer("n2", 5, clock, 2);
    n1.receive(n2.status("up"), "eth0");
    Message standby = standbyRequest(n2);
    n1.receive(standby, "eth0");
    for (int i = 0; i < SequenceTracker.MAX_GAP + 10; i++) {
      n2.app(i); // sent, never received here
    }
    n1.receive(n2.app(0), "eth0");
    assertThat(logs.lines()).anyMatch(l -> l.startsWith("WARN: lost a lot of packets!"));
    delivered.clear();
    n1.receive(standby, "eth0");
    assertThat(delivered).isEmpty();
  }

  @Test
  void aReplayedStatusDoesNotReviveADeadNode() {
    FakePeer n2 = new FakePeer("n2", 5, clock, 2);
    Message up = n2.status("up");
    n1.receive(up, "eth0");
    Message active = n2.status("active");
    n1.receive(active, "eth0");
    scheduler.advance(Duration.ofSeconds(25));
    assertThat(n1.snapshot().node("n2").status()).isEqualTo(NodeStatus.DEAD);
    n1.receive(up, "eth0");
    n1.receive(active, "eth0");
    n1.receive(new FakePeer("n2", 4, clock, 2).status("active"), "eth0");
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(n1.snapshot().node("n2").status()).isEqualTo(NodeStatus.DEAD);
  }

  @Test
  void ourOwnPacketsReplayedToUsAreNotDeliveredAgain() {
    List<Message> sent = new ArrayList<>();
    Membership own = new Membership(TestConfigs.cf("n1", List.of("n1", "n2")),
        new LocalIdentity("n1", TestConfigs.uuidOf("n1"), 1), clock, scheduler, sent::add,
        () -> "0.00 0.00 0.00 1/1 1", new Random(7), new MembershipListener() {
          @Override
          public void delivered(Message message) {
            delivered.add(message);
          }
        }, new MembershipMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    own.start();
    own.send(Message.builder().add("t", "hb_takeover").add("rsc_hold", "all").build());
    assertThat(delivered).hasSize(1);
    delivered.clear();
    sent.forEach(m -> own.receive(m, "eth0"));
    assertThat(delivered).isEmpty();
  }

  /**
   * Seeded random property (200 seeds): a peer sends resource messages and restarts now and
   * then; every genuine message arrives once, in order, mixed with replays of any message it
   * sent before (any generation). Exactly the genuine messages are delivered, each once.
   */
  @Test
  void randomReplaysAmongGenuineTrafficAreNeverDelivered() {
    for (long seed = 1; seed <= 200; seed++) {
      startN1();
      delivered.clear();
      Random random = new Random(seed);
      List<Message> captured = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      long generation = 10;
      FakePeer peer = new FakePeer("n2", generation, clock, 2);
      n1.receive(capture(captured, peer.status("up")), "eth0");
      for (int i = 0; i < 60; i++) {
        int roll = random.nextInt(10);
        if (roll == 0) {
          peer = new FakePeer("n2", ++generation, clock, 2);
          n1.receive(capture(captured, peer.status("up")), "eth0");
        } else if (roll < 5) {
          Message genuine = peer.app(i);
          expected.add(Integer.toString(i));
          n1.receive(capture(captured, genuine), "eth0");
        } else if (roll < 7) {
          n1.receive(capture(captured, peer.status("active")), "eth0");
        } else {
          n1.receive(captured.get(random.nextInt(captured.size())), "eth0");
        }
        clock.advance(Duration.ofMillis(100));
      }
      assertThat(delivered).as("seed " + seed).extracting(m -> m.get("n").orElseThrow())
          .containsExactlyElementsOf(expected);
      n1.stop();
    }
  }

  private static Message capture(List<Message> captured, Message m) {
    captured.add(m);
    return m;
  }
}
