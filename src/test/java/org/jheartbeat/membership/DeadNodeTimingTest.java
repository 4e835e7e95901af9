package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a silent peer is declared dead: right after its dead time (here initdead, 20 s: the fake
 * peer never answers the node-list exchange, so comm never comes up; after comm-up the peer's own
 * dead time is used the same way), not on the next 250 ms poll tick, which would add up to half
 * of a fast cluster's 500 ms dead time to every crash takeover; and never before.
 */
class DeadNodeTimingTest {
  private static final String DEAD = "WARN: node n2: is dead";
  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final LogCapture logs = new LogCapture("org.jheartbeat.membership");
  private final Membership n1 = new Membership(TestConfigs.cf("n1", List.of("n1", "n2")),
      new LocalIdentity("n1", TestConfigs.uuidOf("n1"), 1), clock, scheduler, m -> { }, () -> "0.00 0.00 0.00 1/1 1",
      new Random(42), new MembershipListener() { }, new MembershipMetrics(
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));

  @AfterEach
  void release() {
    logs.close();
  }

  @Test
  void aSilentPeerIsDeclaredDeadWithinTwoMillisecondsOfItsDeadTimeWhateverThePhaseOfTheTick() {
    n1.start();
    FakePeer n2 = new FakePeer("n2", 5, clock, 2);
    Random random = new Random(7);
    // the last status lands at a random point between two 250 ms ticks
    for (int i = 0; i < 12; i++) {
      scheduler.advance(Duration.ofMillis(1 + random.nextInt(999)));
      n1.receive(n2.status("active"), "eth0");
    }
    scheduler.advance(Duration.ofMillis(20_000));
    assertThat(logs.lines()).doesNotContain(DEAD);
    scheduler.advance(Duration.ofMillis(2));
    assertThat(logs.lines()).contains(DEAD);
  }
}
