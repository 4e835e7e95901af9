package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jheartbeat.config.Timing;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.junit.jupiter.api.Test;

/**
 * Keepalives go out at a fixed rate from the first: a loop that runs every timer late (here
 * always {@value #LAG_MS} ms, as a busy one does) delays each heartbeat by that much but does
 * not stretch the interval between them; and a stall longer than an interval skips beats
 * instead of sending them in a burst afterwards.
 */
class KeepaliveRateTest {
  static final long LAG_MS = 30;
  private static final Timing TIMING = new Timing(200, 2_000, 1_000, 10_000, 2_000);

  private final ManualClock clock = new ManualClock();
  private final ManualScheduler manual = new ManualScheduler(clock);
  private final List<Long> statusSentAtMs = new ArrayList<>();

  private Membership node(Scheduler scheduler) {
    return new Membership(TestConfigs.cf("n1", List.of("n1", "n2"), TIMING, List.of("eth0"), List.of()),
        new LocalIdentity("n1", TestConfigs.uuidOf("n1"), 1), clock, scheduler, m -> {
          if (m.type().equals("status")) {
            statusSentAtMs.add(clock.nanoTime() / 1_000_000);
          }
        }, () -> "0.00 0.00 0.00 1/1 1", new Random(1), MembershipListener.NONE,
        new MembershipMetrics(new SimpleMeterRegistry()));
  }

  @Test
  void aLateLoopDelaysHeartbeatsWithoutStretchingTheirInterval() {
    Membership m = node((d, task) -> manual.schedule(d.plusMillis(LAG_MS), task));
    m.start();
    manual.advance(Duration.ofSeconds(20));
    // 99 keepalives and, also on the beat, the status at the end of the start-up dead time (5 s);
    // besides them three at start and one at comm up
    long onTheBeat = statusSentAtMs.stream().filter(t -> t % 200 == LAG_MS).count();
    assertThat(onTheBeat).as("statuses on the beat in 20 s at 200 ms, each run 30 ms late").isEqualTo(100);
    assertThat(statusSentAtMs).hasSize(99 + 5).last().isEqualTo(19_830L);
  }

  @Test
  void beatsMissedInAStallAreSkippedNotBurst() {
    Membership m = node(manual);
    m.start();
    manual.advance(Duration.ofMillis(1_000));
    int before = statusSentAtMs.size();
    // the loop does not run for 1.05 s: the timer due at 1.2 s runs at 2.05 s
    clock.advance(Duration.ofMillis(1_050));
    manual.advance(Duration.ZERO);
    manual.advance(Duration.ofMillis(1_000));
    List<Long> after = statusSentAtMs.subList(before, statusSentAtMs.size());
    assertThat(after).containsExactly(2_050L, 2_200L, 2_400L, 2_600L, 2_800L, 3_000L);
  }
}
