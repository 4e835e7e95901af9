package org.jheartbeat.membership;

import java.time.Duration;
import org.jheartbeat.runtime.Clock;

/**
 * Notices that this node itself stopped running for a while (a stalled event loop, a GC or VM
 * pause, SIGSTOP). Membership does something at least every {@link Membership#TICK} (the
 * dead-node check), so two consecutive membership events further apart than the threshold mean
 * that nothing ran in between: what the node did not hear during that gap was not heard because
 * it was not listening, and must not count as a peer's silence (HOUSE-STYLE: a node is declared
 * dead only after deadtime observed by a loop that was not itself stalled). The threshold is
 * half the deadtime, but never below two ticks (a loaded but working loop is often a tick late)
 * nor above one second.
 */
final class StallWatch {
  static final Duration MAX_THRESHOLD = Duration.ofSeconds(1);

  private final Clock clock;
  private final long thresholdNanos;
  private long lastNanos;
  private boolean started;

  StallWatch(Clock clock, long deadtimeMs) {
    this.clock = clock;
    long half = Duration.ofMillis(deadtimeMs / 2).toNanos();
    this.thresholdNanos = Math.max(Membership.TICK.multipliedBy(2).toNanos(),
        Math.min(MAX_THRESHOLD.toNanos(), half));
  }

  long thresholdMs() {
    return Duration.ofNanos(thresholdNanos).toMillis();
  }

  /** Notes a membership event now; returns how long the node was stalled before it (0: it was not). */
  long observe() {
    long now = clock.nanoTime();
    long gap = started ? now - lastNanos : 0;
    started = true;
    lastNanos = now;
    return gap > thresholdNanos ? gap : 0;
  }
}
