package org.jheartbeat.daemon;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands received packets from the receive threads to the event loop with at most {@code limit}
 * of them waiting there at once; beyond that a packet is dropped on the receive thread before
 * it is authenticated, as a full socket receive buffer would drop it (counter
 * {@code heartbeat.packets.shed}; {@code WARN} at most every {@link #LOG_INTERVAL}). The loop's
 * own queue is unbounded, and an overloaded node (the 32-node benchmark) fell ever further
 * behind, up to 219 s, judging peers and answering retransmission requests on packets minutes
 * old; dropped packets are instead recovered by retransmission or superseded by the next
 * heartbeat, and the loop's timers run at most {@code limit} packets late.
 */
final class LoopInbox {
  static final int LIMIT = 1_000;
  static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(LoopInbox.class);

  private final Executor loop;
  private final int limit;
  private final Counter shed;
  private final LogThrottle shedLog;
  private final AtomicInteger waiting = new AtomicInteger();

  LoopInbox(Executor loop, int limit, Clock clock, MeterRegistry registry) {
    this.loop = loop;
    this.limit = limit;
    this.shedLog = new LogThrottle(clock, LOG_INTERVAL);
    this.shed = Counter.builder("heartbeat.packets.shed")
        .description("received packets dropped because the event loop had too many waiting").register(registry);
  }

  /** Whether there is room for one more packet; counts and reports it when there is not. */
  boolean hasRoom() {
    if (waiting.get() < limit) {
      return true;
    }
    shed.increment();
    if (shedLog.shouldLog()) {
      log.warn("Event loop has {} received packets waiting: dropping received packets until it catches up", limit);
    }
    return false;
  }

  /** Runs {@code work} on the loop, counted as waiting until it starts. */
  void post(Runnable work) {
    waiting.incrementAndGet();
    try {
      loop.execute(() -> {
        waiting.decrementAndGet();
        work.run();
      });
    } catch (RejectedExecutionException e) {
      waiting.decrementAndGet();
      throw e;
    }
  }

  int waiting() {
    return waiting.get();
  }
}
