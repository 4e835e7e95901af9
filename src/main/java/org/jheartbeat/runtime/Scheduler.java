package org.jheartbeat.runtime;

import java.time.Duration;

/**
 * Runs tasks later on the event loop. Domain code schedules timers only through this
 * interface, so a test can advance virtual time deterministically.
 */
public interface Scheduler {
  /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Duration delay, Runnable task);

  /** A scheduled task that can still be called off. */
  interface Cancellable {
    void cancel();
  }
}
