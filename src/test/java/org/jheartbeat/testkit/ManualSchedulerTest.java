package org.jheartbeat.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jheartbeat.runtime.Scheduler;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
  private final ManualClock clock = new ManualClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private final List<String> ran = new ArrayList<>();

  @Test
  void runsDueTasksInTimeOrderTiesByInsertionWithTheClockAtTheirDueTime() {
    scheduler.schedule(Duration.ofMillis(20), () -> ran.add("b@" + clock.nanoTime() / 1_000_000));
    scheduler.schedule(Duration.ofMillis(10), () -> ran.add("a@" + clock.nanoTime() / 1_000_000));
    scheduler.schedule(Duration.ofMillis(20), () -> ran.add("c@" + clock.nanoTime() / 1_000_000));
    scheduler.schedule(Duration.ofMillis(31), () -> ran.add("late"));
    scheduler.advance(Duration.ofMillis(30));
    assertThat(ran).containsExactly("a@10", "b@20", "c@20");
    assertThat(clock.nanoTime()).isEqualTo(30_000_000);
    assertThat(scheduler.pending()).isEqualTo(1);
  }

  @Test
  void tasksMayScheduleTasksThatRunInTheSameAdvanceAndCanBeCancelled() {
    scheduler.schedule(Duration.ofMillis(5), () -> {
      ran.add("first");
      scheduler.schedule(Duration.ofMillis(5), () -> ran.add("nested@" + clock.nanoTime() / 1_000_000));
    });
    Scheduler.Cancellable c = scheduler.schedule(Duration.ofMillis(7), () -> ran.add("cancelled"));
    c.cancel();
    scheduler.advance(Duration.ofMillis(10));
    assertThat(ran).containsExactly("first", "nested@10");
  }

  @Test
  void wallClockAdvancesWithMonotonicTime() {
    long wall = clock.wallMillis();
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(clock.wallMillis()).isEqualTo(wall + 3000);
  }
}
