package org.jheartbeat.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets a repeated warning through at most once per interval and counts the occurrences it held
 * back, so that a condition that recurs at packet or keepalive rate cannot flood the log.
 * Algorithm: the first call passes; a later call passes when at least {@code interval} of
 * {@link Clock#nanoTime()} has gone by since the last call that passed, and of several callers
 * racing for the same opening only the one whose compare-and-set on that time succeeds passes;
 * every call that does not pass is counted until {@link #takeSuppressed()} collects the count.
 * Safe for any number of threads without locks.
 */
public final class LogThrottle {
  /** The last pass time before any call has passed; a real clock does not return it. */
  private static final long NEVER = Long.MIN_VALUE;

  private final Clock clock;
  private final long intervalNanos;
  private final AtomicLong lastPassNanos = new AtomicLong(NEVER);
  private final AtomicLong suppressed = new AtomicLong();

  public LogThrottle(Clock clock, Duration interval) {
    this.clock = Objects.requireNonNull(clock);
    if (interval.isNegative()) {
      throw new IllegalArgumentException("log interval must not be negative: " + interval);
    }
    this.intervalNanos = interval.toNanos();
  }

  /** Whether the caller should log now; when not, the call is counted as suppressed. */
  public boolean shouldLog() {
    long now = clock.nanoTime();
    long last = lastPassNanos.get();
    if ((last == NEVER || now - last >= intervalNanos) && lastPassNanos.compareAndSet(last, now)) {
      return true;
    }
    suppressed.incrementAndGet();
    return false;
  }

  /** The number of calls suppressed since the previous collection, which starts a new count. */
  public long takeSuppressed() {
    return suppressed.getAndSet(0);
  }
}
