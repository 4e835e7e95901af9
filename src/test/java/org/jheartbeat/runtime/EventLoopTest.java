package org.jheartbeat.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EventLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.runtime");

  @Test
  void tasksRunOnTheSingleHbLoopThreadAndCallReturnsTheirResult() throws Exception {
    try (EventLoop loop = new EventLoop(Clock.SYSTEM, Duration.ofSeconds(5))) {
      assertThat(loop.lifecycle()).isEqualTo(Lifecycle.LATENT);
      loop.start();
      assertThat(loop.lifecycle()).isEqualTo(Lifecycle.RUNNING);
      CompletableFuture<String> posted = new CompletableFuture<>();
      loop.post(() -> posted.complete(Thread.currentThread().getName()));
      assertThat(posted.get(10, TimeUnit.SECONDS)).isEqualTo("hb-loop");
      assertThat(loop.call(() -> loop.inLoop(), WAIT)).isTrue();
      assertThat(loop.inLoop()).isFalse();
      CompletableFuture<Boolean> scheduled = new CompletableFuture<>();
      loop.schedule(Duration.ofMillis(1), () -> scheduled.complete(loop.inLoop()));
      assertThat(scheduled.get(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aFailingTaskIsLoggedAndTheLoopKeepsRunning() throws Exception {
    try (EventLoop loop = new EventLoop(Clock.SYSTEM, Duration.ofSeconds(5))) {
      loop.start();
      loop.post(() -> {
        throw new IllegalStateException("boom");
      });
      assertThat(loop.call(() -> 42, WAIT)).isEqualTo(42);
      assertThat(logs.lines()).anyMatch(l -> l.startsWith("ERROR: Event loop task failed")
          && l.contains("boom"));
    }
  }

  @Test
  void lifecycleAdvancesOnceAndAStoppedLoopRefusesWork() {
    EventLoop loop = new EventLoop(Clock.SYSTEM, Duration.ofSeconds(5));
    loop.start();
    assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class);
    loop.stop(WAIT);
    assertThat(loop.lifecycle()).isEqualTo(Lifecycle.STOPPED);
    assertThatThrownBy(() -> loop.post(() -> { })).isInstanceOf(RejectedExecutionException.class);
    loop.stop(WAIT);
    assertThat(loop.lifecycle()).isEqualTo(Lifecycle.STOPPED);
  }

  @Test
  void aTaskThatRunsLateIsMeasuredAndWarnedAbout() throws Exception {
    ManualClock clock = new ManualClock();
    try (EventLoop loop = new EventLoop(clock, Duration.ofMillis(100))) {
      loop.start();
      CountDownLatch queued = new CountDownLatch(1);
      loop.post(() -> {
        try {
          queued.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        clock.advance(Duration.ofMillis(600)); // the loop "stalls" for 600 ms
      });
      loop.post(() -> { }); // due now, runs after the stall
      queued.countDown();
      loop.call(() -> null, WAIT);
      assertThat(loop.largestLateness()).isEqualTo(Duration.ofMillis(600));
      assertThat(logs.lines()).containsOnlyOnce("WARN: Late tick: event loop ran 600 ms late");
    }
  }

  @Test
  void promptTasksAreNotWarnedAbout() throws Exception {
    ManualClock clock = new ManualClock();
    try (EventLoop loop = new EventLoop(clock, Duration.ofMillis(100))) {
      loop.start();
      loop.post(() -> { });
      loop.call(() -> null, WAIT);
      assertThat(loop.largestLateness()).isZero();
      assertThat(logs.lines()).isEmpty();
    }
  }
}
