package org.jheartbeat.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jheartbeat.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
  private static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final int THREADS = 4;
  private static final int CALLS_PER_THREAD = 20_000;

  private final ManualClock clock = new ManualClock();
  private final LogThrottle throttle = new LogThrottle(clock, INTERVAL);

  @Test
  void firstCallLogsCallsWithinTheIntervalAreSuppressedAndCountedAndTheNextAfterItLogs() {
    assertThat(throttle.shouldLog()).isTrue();
    assertThat(throttle.takeSuppressed()).isZero();

    clock.advance(INTERVAL.minusNanos(1));
    assertThat(throttle.shouldLog()).isFalse();
    assertThat(throttle.shouldLog()).isFalse();

    clock.advance(Duration.ofNanos(1));
    assertThat(throttle.shouldLog()).as("exactly one interval after the last pass").isTrue();
    assertThat(throttle.takeSuppressed()).isEqualTo(2);
    assertThat(throttle.takeSuppressed()).as("taking resets the count").isZero();

    clock.advance(Duration.ofSeconds(3));
    assertThat(throttle.shouldLog()).as("the interval runs from the last pass, not the first").isFalse();
    clock.advance(Duration.ofSeconds(7));
    assertThat(throttle.shouldLog()).isTrue();
    assertThat(throttle.takeSuppressed()).isEqualTo(1);
  }

  @Test
  void theFirstCallLogsWhateverTheClockReads() {
    clock.setNanos(Long.MAX_VALUE - 5);
    assertThat(throttle.shouldLog()).isTrue();
    assertThat(throttle.shouldLog()).isFalse();
  }

  @Test
  void aZeroIntervalLetsEveryCallThroughAndANegativeOneIsRefused() {
    LogThrottle always = new LogThrottle(clock, Duration.ZERO);
    assertThat(always.shouldLog()).isTrue();
    assertThat(always.shouldLog()).isTrue();
    assertThat(always.takeSuppressed()).isZero();
    assertThatThrownBy(() -> new LogThrottle(clock, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
  }

  @Test
  void concurrentCallersAtOneInstantLetExactlyOneThroughAndCountTheRest() throws Exception {
    long passes = race(throttle, () -> { });
    assertThat(passes).isEqualTo(1);
    assertThat(throttle.takeSuppressed()).isEqualTo(THREADS * CALLS_PER_THREAD - 1L);

    clock.advance(INTERVAL);
    assertThat(race(throttle, () -> { })).as("one more once the interval is over").isEqualTo(1);
  }

  @Test
  void concurrentCallersOnAMovingClockLogAtMostOncePerInterval() throws Exception {
    // Each reading moves time by 1 ns and the interval is 4 ns, so the threads race for a new
    // opening thousands of times (a throttle without its compare-and-set fails this within a run
    // on two cores); the reading a thread was let through with is remembered to check the spacing.
    AtomicLong now = new AtomicLong();
    ThreadLocal<Long> lastReading = new ThreadLocal<>();
    Clock ticking = new Clock() {
      @Override
      public long nanoTime() {
        long t = now.incrementAndGet();
        lastReading.set(t);
        return t;
      }

      @Override
      public long wallMillis() {
        return 0;
      }
    };
    long intervalNanos = 4;
    LogThrottle moving = new LogThrottle(ticking, Duration.ofNanos(intervalNanos));
    ConcurrentLinkedQueue<Long> passTimes = new ConcurrentLinkedQueue<>();

    long passes = race(moving, () -> passTimes.add(lastReading.get()));

    List<Long> sorted = new ArrayList<>(passTimes);
    sorted.sort(null);
    assertThat(sorted).hasSize((int) passes);
    assertThat(passes).isGreaterThan(1).isLessThanOrEqualTo(now.get() / intervalNanos + 1);
    for (int i = 1; i < sorted.size(); i++) {
      assertThat(sorted.get(i) - sorted.get(i - 1)).as("gap before pass %d", i).isGreaterThanOrEqualTo(intervalNanos);
    }
    assertThat(passes + moving.takeSuppressed()).isEqualTo((long) THREADS * CALLS_PER_THREAD);
  }

  /** Runs THREADS threads calling shouldLog CALLS_PER_THREAD times each from one start; returns the passes. */
  private static long race(LogThrottle t, Runnable onPass) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        results.add(pool.submit(() -> {
          start.await();
          long passed = 0;
          for (int c = 0; c < CALLS_PER_THREAD; c++) {
            if (t.shouldLog()) {
              onPass.run();
              passed++;
            }
          }
          return passed;
        }));
      }
      start.countDown();
      long total = 0;
      for (Future<Long> r : results) {
        total += r.get(30, TimeUnit.SECONDS);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }
}
