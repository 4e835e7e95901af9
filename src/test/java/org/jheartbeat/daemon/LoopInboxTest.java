package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class LoopInboxTest {
  private final ArrayDeque<Runnable> loopQueue = new ArrayDeque<>();
  private final ManualClock clock = new ManualClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final LoopInbox inbox = new LoopInbox(loopQueue::add, 3, clock, registry);
  private final List<Integer> ran = new ArrayList<>();

  /** What the receive thread does with each packet. */
  private void receive(int packet) {
    if (inbox.hasRoom()) {
      inbox.post(() -> ran.add(packet));
    }
  }

  @Test
  void packetsBeyondTheLimitAreDroppedUntilTheLoopCatchesUp() {
    try (LogCapture logs = new LogCapture("org.jheartbeat.daemon")) {
      for (int p = 1; p <= 5; p++) {
        receive(p);
      }
      assertThat(inbox.waiting()).isEqualTo(3);
      loopQueue.poll().run();
      receive(6);
      receive(7);
      while (!loopQueue.isEmpty()) {
        loopQueue.poll().run();
      }
      assertThat(ran).containsExactly(1, 2, 3, 6);
      assertThat(inbox.waiting()).isZero();
      assertThat(registry.counter("heartbeat.packets.shed").count()).isEqualTo(3.0);
      assertThat(logs.lines()).filteredOn(l -> l.contains("dropping received packets")).hasSize(1);

      for (int p = 8; p <= 12; p++) {
        receive(p);
      }
      assertThat(logs.lines()).as("at most one warning per interval")
          .filteredOn(l -> l.contains("dropping received packets")).hasSize(1);
      clock.advance(LoopInbox.LOG_INTERVAL.plus(Duration.ofMillis(1)));
      receive(13);
      assertThat(logs.lines()).filteredOn(l -> l.contains("dropping received packets")).hasSize(2);
    }
  }
}
