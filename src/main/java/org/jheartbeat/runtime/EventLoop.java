package org.jheartbeat.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread {@code hb-loop} that owns all cluster state (HOUSE-STYLE "Concurrency model").
 * Other threads {@link #post} events or {@link #call} for an immutable snapshot; timers go
 * through {@link #schedule}. A task that throws is logged (ERROR, stack trace at debug) and never
 * kills the loop. Every task knows when it was due (its post time, or post time + delay); the
 * loop records the largest lateness and, above {@code lateThreshold}, logs
 * {@code WARN: Late tick: event loop ran N ms late} at most once per {@link #LATE_LOG_INTERVAL},
 * so that a stalled loop is visible before anyone trusts its dead-time judgements.
 */
public final class EventLoop implements Scheduler, AutoCloseable {
  /** Minimum spacing of two "Late tick" lines. */
  public static final Duration LATE_LOG_INTERVAL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(EventLoop.class);

  private final Clock clock;
  private final long lateThresholdNanos;
  private final ScheduledThreadPoolExecutor executor;
  private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
  private final AtomicLong largestLatenessNanos = new AtomicLong();
  private final LogThrottle lateLog;
  private volatile Thread loopThread;

  public EventLoop(Clock clock, Duration lateThreshold) {
    this.clock = Objects.requireNonNull(clock);
    this.lateThresholdNanos = lateThreshold.toNanos();
    this.lateLog = new LogThrottle(clock, LATE_LOG_INTERVAL);
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "hb-loop");
      t.setDaemon(true);
      loopThread = t;
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** LATENT → RUNNING; starting twice is an error. */
  public void start() {
    if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.RUNNING)) {
      throw new IllegalStateException("event loop is " + lifecycle.get());
    }
    executor.prestartCoreThread();
  }

  public Lifecycle lifecycle() {
    return lifecycle.get();
  }

  /** Whether the caller runs on the loop thread. */
  public boolean inLoop() {
    return Thread.currentThread() == loopThread;
  }

  /** Runs {@code task} on the loop as soon as possible. */
  public void post(Runnable task) {
    requireRunning();
    long due = clock.nanoTime();
    executor.execute(() -> runTask(task, due));
  }

  /** Runs {@code task} on the loop and waits for its result (run directly when on the loop). */
  public <T> T call(Callable<T> task, Duration timeout) throws TimeoutException {
    if (inLoop()) {
      try {
        return task.call();
      } catch (Exception e) {
        throw new IllegalStateException("loop call failed", e);
      }
    }
    requireRunning();
    Future<T> f = executor.submit(task);
    try {
      return f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(false);
      throw new IllegalStateException("interrupted waiting for the event loop", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("loop call failed", e.getCause());
    } catch (TimeoutException e) {
      f.cancel(false);
      throw e;
    }
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    requireRunning();
    long due = clock.nanoTime() + delay.toNanos();
    ScheduledFuture<?> f =
        executor.schedule(() -> runTask(task, due), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /**
   * The largest lateness seen since the loop started; safe to read from any thread (the daemon
   * exports it as {@code heartbeat_event_loop_lateness_max_seconds}).
   */
  public Duration largestLateness() {
    return Duration.ofNanos(largestLatenessNanos.get());
  }

  /** RUNNING → STOPPING → STOPPED: pending tasks are dropped, a running one may finish. */
  public void stop(Duration wait) {
    Lifecycle now = lifecycle.get();
    if (now == Lifecycle.STOPPING || now == Lifecycle.STOPPED
        || !lifecycle.compareAndSet(now, Lifecycle.STOPPING)) {
      return;
    }
    executor.shutdownNow();
    try {
      if (!inLoop()) {
        executor.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lifecycle.set(Lifecycle.STOPPED);
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(5));
  }

  private void requireRunning() {
    if (lifecycle.get() != Lifecycle.RUNNING) {
      throw new RejectedExecutionException("event loop is " + lifecycle.get());
    }
  }

  private void runTask(Runnable task, long dueNanos) {
    noteLateness(clock.nanoTime() - dueNanos);
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      log.error("Event loop task failed: {}", e.toString());
      log.debug("Event loop task failure detail", e);
      if (e instanceof VirtualMachineError vme) {
        throw vme;
      }
    }
  }

  private void noteLateness(long lateNanos) {
    largestLatenessNanos.accumulateAndGet(lateNanos, Math::max);
    if (lateNanos <= lateThresholdNanos) {
      return;
    }
    if (lateLog.shouldLog()) {
      log.warn("Late tick: event loop ran {} ms late", TimeUnit.NANOSECONDS.toMillis(lateNanos));
    }
  }
}
