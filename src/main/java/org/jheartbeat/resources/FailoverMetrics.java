package org.jheartbeat.resources;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jheartbeat.runtime.Clock;

/**
 * Counts failovers and times them: a failover begins when a peer is declared dead or sends
 * {@code shutdone} ("Resources being acquired from X") and ends when the mach_down takeover of
 * its groups completes ("mach_down takeover complete for node X"). The duration is measured on
 * the monotonic clock; a failover that never completes (shutdown, fencing failure) is not timed.
 * Owned by the event loop.
 */
final class FailoverMetrics {
  private final Clock clock;
  private final MeterRegistry registry;
  private final Timer duration;
  private final Map<String, Long> began = new HashMap<>();

  FailoverMetrics(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.duration = Timer.builder("heartbeat.failover.duration")
        .description("from a peer's death or shutdone to the end of the takeover of its groups")
        .register(registry);
  }

  /** A peer died ({@code cause} = {@code dead}) or gave up ({@code shutdone}). */
  void began(String node, String cause) {
    began.putIfAbsent(node, clock.nanoTime());
    Counter.builder("heartbeat.failovers").description("takeovers of a peer's groups after its death or shutdown")
        .tag("cause", cause).register(registry).increment();
  }

  /** The peer's groups are started here. */
  void completed(String node) {
    Long start = began.remove(node);
    if (start != null) {
      duration.record(Duration.ofNanos(clock.nanoTime() - start));
    }
  }
}
