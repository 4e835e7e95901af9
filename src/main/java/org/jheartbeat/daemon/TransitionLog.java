package org.jheartbeat.daemon;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import org.jheartbeat.api.StatusReport;
import org.jheartbeat.runtime.Clock;

/**
 * The last {@value #CAPACITY} transitions of this node's view — node status, link status and
 * resource group state edges — for the status API and the dashboard's timeline. A bounded ring:
 * the oldest entry goes when a new one arrives at capacity. Owned by the event loop; the
 * snapshot is an immutable copy.
 */
final class TransitionLog {
  static final int CAPACITY = 200;

  private final Clock clock;
  private final int capacity;
  private final ArrayDeque<StatusReport.Transition> ring = new ArrayDeque<>();

  TransitionLog(Clock clock) {
    this(clock, CAPACITY);
  }

  TransitionLog(Clock clock, int capacity) {
    this.clock = clock;
    this.capacity = capacity;
  }

  void record(String kind, String subject, String from, String to, String reason) {
    if (ring.size() == capacity) {
      ring.removeFirst();
    }
    ring.addLast(new StatusReport.Transition(Instant.ofEpochMilli(clock.wallMillis()).toString(), kind, subject,
        from, to, reason));
  }

  List<StatusReport.Transition> snapshot() {
    return List.copyOf(ring);
  }
}
