package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pause resilience: n1's own loop stalls for 30 s (deadtime 10 s) while n2 keeps sending. A
 * stall is made as the real loop shows it: the clock moves without any task running, then the
 * overdue timer and the packets that queued up run at once. n1 must log the stall instead of
 * declaring n2 dead, whichever runs first, and must still declare n2 dead when n2 then really
 * goes silent for its dead time (initdead here, as n1 never reaches comm up).
 */
class SelfStallTest {
  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<String> edges = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.membership");
  private Membership n1;
  private FakePeer n2;

  @BeforeEach
  void startAndHearN2() {
    n1 = new Membership(TestConfigs.cf("n1", List.of("n1", "n2")), new LocalIdentity("n1", TestConfigs.uuidOf("n1"), 1),
        clock, scheduler, m -> { }, () -> "0.00 0.00 0.00 1/1 1", new Random(1), new MembershipListener() {
          @Override
          public void nodeStatusChanged(String node, NodeStatus from, NodeStatus to) {
            edges.add(node + " " + to.text());
          }
        }, new MembershipMetrics(registry));
    n1.start();
    n2 = new FakePeer("n2", 5, clock, 2);
    for (int i = 0; i < 5; i++) {
      n1.receive(n2.status("active"), "eth0");
      scheduler.advance(Duration.ofSeconds(1));
    }
    assertThat(edges).containsExactly("n2 active");
    logs.clear();
  }

  @Test
  void theOverdueCheckAfterAStallLogsTheStallInsteadOfADeath() {
    clock.advance(Duration.ofSeconds(30));
    scheduler.runDue(); // the dead-node check that was due during the stall runs first
    n1.receive(n2.status("active"), "eth0");

    assertThat(edges).containsExactly("n2 active");
    assertThat(logs.lines()).noneMatch(l -> l.contains("is dead") || l.contains("Late heartbeat"))
        .anyMatch(l -> l.startsWith("WARN: Local node stalled for 30") && l.contains("dead timers restart now"));
    assertThat(registry.counter("heartbeat.loop.stalls").count()).isEqualTo(1.0);
  }

  @Test
  void aHeartbeatQueuedDuringTheStallIsNotLateFromTheStalledView() {
    clock.advance(Duration.ofSeconds(30));
    n1.receive(n2.status("active"), "eth0"); // the queued packet runs before the overdue timer
    scheduler.runDue();

    assertThat(edges).containsExactly("n2 active");
    assertThat(logs.lines()).noneMatch(l -> l.contains("is dead") || l.contains("Late heartbeat"));
  }

  @Test
  void aPeerSilentForDeadtimeAfterTheStallIsStillDeclaredDead() {
    clock.advance(Duration.ofSeconds(30));
    scheduler.runDue();
    scheduler.advance(Duration.ofSeconds(19)); // initdead (20 s): n1 has no comm up in this test
    assertThat(edges).containsExactly("n2 active");
    scheduler.advance(Duration.ofMillis(1500));
    assertThat(edges).containsExactly("n2 active", "n2 dead");
    assertThat(logs.lines()).contains("WARN: node n2: is dead");
  }

  @Test
  void aTickThatIsOnlyALittleLateIsNoStall() {
    clock.advance(Duration.ofMillis(400));
    scheduler.runDue();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(logs.lines()).noneMatch(l -> l.contains("stalled"));
    assertThat(registry.counter("heartbeat.loop.stalls").count()).isZero();
  }
}
