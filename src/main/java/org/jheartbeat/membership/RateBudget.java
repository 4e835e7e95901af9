package org.jheartbeat.membership;

import java.time.Duration;
import org.jheartbeat.runtime.Clock;

/**
 * A token bucket on the injected clock: up to {@code burst} events at once, then one per
 * {@code interval}. Used to cap retransmission traffic, which Heartbeat's per-seq limits (spec
 * wire §7.3) bound per packet but not per node: after an overload every node can be missing
 * hundreds of seqs from every other, and each request and each answer is broadcast to all.
 * Starts full.
 */
final class RateBudget {
  private final Clock clock;
  private final long intervalNanos;
  private final long capacityNanos;
  private long credit;
  private long lastNanos;

  RateBudget(Clock clock, int burst, Duration interval) {
    if (burst < 1 || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("burst must be >= 1 and interval > 0");
    }
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    this.capacityNanos = intervalNanos * burst;
    this.credit = capacityNanos;
    this.lastNanos = clock.nanoTime();
  }

  /** Takes one event's worth of budget if there is one. */
  boolean tryTake() {
    long now = clock.nanoTime();
    credit = Math.min(capacityNanos, credit + Math.max(0, now - lastNanos));
    lastNanos = now;
    if (credit < intervalNanos) {
      return false;
    }
    credit -= intervalNanos;
    return true;
  }
}
