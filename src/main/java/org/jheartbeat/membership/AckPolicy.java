package org.jheartbeat.membership;

import java.util.OptionalLong;

/**
 * When to acknowledge (spec wire §7.4): a message accepted in order whose {@code seq % 10} equals
 * the sender's random trigger digit, with no earlier seq missing, is acked with its seq; after a
 * hole is filled the highest trigger-aligned seq below the next hole is acked (if not acked
 * already). ACKs stop for good once any status without {@code protocol} arrives.
 */
final class AckPolicy {
  static final int DIVISOR = 10;
  private boolean enabled = true;

  boolean enabled() {
    return enabled;
  }

  void disable() {
    enabled = false;
  }

  OptionalLong ackFor(SequenceTracker t, long seq, SequenceTracker.Outcome outcome) {
    if (!enabled) {
      return OptionalLong.empty();
    }
    long candidate;
    switch (outcome) {
      case IN_ORDER -> {
        if (!t.missing().isEmpty() || seq % DIVISOR != t.ackTrigger) {
          return OptionalLong.empty();
        }
        candidate = seq;
      }
      case FILLED -> {
        long nextHole = t.missing().isEmpty() ? t.lastSeq + 1 : t.missing().first();
        candidate = nextHole - 1;
        while (candidate > 0 && candidate % DIVISOR != t.ackTrigger) {
          candidate--;
        }
        if (candidate <= 0) {
          return OptionalLong.empty();
        }
      }
      default -> {
        return OptionalLong.empty();
      }
    }
    if (candidate <= t.lastAckSent) {
      return OptionalLong.empty();
    }
    t.lastAckSent = candidate;
    return OptionalLong.of(candidate);
  }
}
