package org.jheartbeat.stability;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A reference for the machine's own stalls during a benchmark: a thread of the benchmark's JVM
 * (same scheduling class and priority as the daemons it starts, none of their work) sleeps
 * {@value #PERIOD_MS} ms at a time and records by how much each sleep overran. When the daemons'
 * loop lateness and this probe's overrun peak together, the machine (other processes, the
 * hypervisor) stalled everyone, not the daemon's JVM.
 */
final class StallProbe implements AutoCloseable {
  static final int PERIOD_MS = 10;
  private final AtomicLong maxOverrunNanos = new AtomicLong();
  private final AtomicLong overrunsAbove100ms = new AtomicLong();
  private final Thread thread;
  private volatile boolean running = true;

  StallProbe() {
    thread = new Thread(this::probe, "stall-probe");
    thread.setDaemon(true);
    thread.start();
  }

  private void probe() {
    while (running) {
      long before = System.nanoTime();
      try {
        TimeUnit.MILLISECONDS.sleep(PERIOD_MS);
      } catch (InterruptedException e) {
        return;
      }
      long overrun = System.nanoTime() - before - TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
      maxOverrunNanos.accumulateAndGet(overrun, Math::max);
      if (overrun > TimeUnit.MILLISECONDS.toNanos(100)) {
        overrunsAbove100ms.incrementAndGet();
      }
    }
  }

  Duration maxOverrun() {
    return Duration.ofNanos(maxOverrunNanos.get());
  }

  long overrunsAbove100ms() {
    return overrunsAbove100ms.get();
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
