package org.jheartbeat.resources;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jheartbeat.runtime.Clock;

/**
 * The fencing state of each peer this node had to reset, for status displays and metrics, and
 * the retry backoff: after the n-th failed reset the next one waits {@code 5 s * 2^(n-1)}, at
 * most {@link #MAX_BACKOFF} (Heartbeat retries every 5 s forever; the backoff spares a device
 * that is down without ever giving up, because the takeover must wait for a reset). Counts
 * resets by outcome ({@code heartbeat_stonith_resets_total{result}}). Owned by the event loop.
 */
final class FenceLedger {
  static final Duration FIRST_BACKOFF = ResourceManager.STONITH_RETRY;
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** Where a peer's fencing stands. */
  enum Phase {
    /** A reset is running. */
    RESETTING,
    /** The last reset failed; the takeover is blocked until a retry succeeds. */
    FAILED,
    /** The peer was reset; its groups were taken over. */
    DONE,
    /** The peer came back (or we shut down) before a reset succeeded. */
    ABANDONED;

    String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One peer's entry: phase, failed attempts in a row, and since when (wall ms). */
  record Entry(String node, Phase phase, int failures, long sinceMillis) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final MeterRegistry registry;
  private final Clock clock;

  FenceLedger(MeterRegistry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  void resetting(String node) {
    Entry old = entries.get(node);
    int failures = old != null && old.phase() == Phase.FAILED ? old.failures() : 0;
    entries.put(node, new Entry(node, Phase.RESETTING, failures, clock.wallMillis()));
  }

  /** Records a failed reset and returns the delay before the next one. */
  Duration failed(String node) {
    Entry old = entries.get(node);
    int failures = (old == null ? 0 : old.failures()) + 1;
    entries.put(node, new Entry(node, Phase.FAILED, failures, clock.wallMillis()));
    count("failed");
    return backoff(failures);
  }

  void succeeded(String node) {
    entries.put(node, new Entry(node, Phase.DONE, 0, clock.wallMillis()));
    count("ok");
  }

  /** The peer no longer needs a reset (it came back, or we are shutting down). */
  void abandoned(String node) {
    Entry old = entries.get(node);
    if (old != null && (old.phase() == Phase.RESETTING || old.phase() == Phase.FAILED)) {
      entries.put(node, new Entry(node, Phase.ABANDONED, old.failures(), clock.wallMillis()));
    }
  }

  /** Whether the takeover of {@code node} waits for a reset. */
  boolean blocked(String node) {
    Entry e = entries.get(node);
    return e != null && (e.phase() == Phase.RESETTING || e.phase() == Phase.FAILED);
  }

  List<Entry> entries() {
    return new ArrayList<>(entries.values());
  }

  static Duration backoff(int failures) {
    long factor = 1L << Math.min(failures - 1, 10);
    Duration d = FIRST_BACKOFF.multipliedBy(factor);
    return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
  }

  private void count(String result) {
    Counter.builder("heartbeat.stonith.resets").description("STONITH resets of dead peers by outcome")
        .tag("result", result).register(registry).increment();
  }
}
