package org.jheartbeat.testkit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jheartbeat.runtime.Clock;

/** A clock that only moves when told to: monotonic nanos and wall millis advance together. */
public final class ManualClock implements Clock {
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicLong wallOffsetMillis;

  public ManualClock(long wallMillisAtZero) {
    this.wallOffsetMillis = new AtomicLong(wallMillisAtZero);
  }

  public ManualClock() {
    this(1_795_533_217_000L);
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long wallMillis() {
    return wallOffsetMillis.get() + nanos.get() / 1_000_000;
  }

  public void advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("time never goes back: " + d);
    }
    nanos.addAndGet(d.toNanos());
  }

  /** Moves monotonic time to {@code nanoTime} (never backwards). */
  public void setNanos(long nanoTime) {
    nanos.accumulateAndGet(nanoTime, Math::max);
  }
}
