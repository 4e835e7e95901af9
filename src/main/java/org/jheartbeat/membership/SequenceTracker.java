package org.jheartbeat.membership;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Receive-side sequence state for one sender (spec wire §7.2 step 4): its generation, the last
 * in-order seq, the missing seqs (at most {@value #MAX_MISSING}), the ACK trigger digit, the last
 * ACK we sent it and the highest {@code ackseq} it acknowledged from us. A gap larger than
 * {@value #MAX_GAP} resets the state instead of recording holes.
 */
final class SequenceTracker {
  static final int MAX_MISSING = 500;
  static final int MAX_GAP = 250;

  /** What became of one received seq. */
  enum Outcome {
    /** in order (or the first after a reset): accept */
    IN_ORDER,
    /** accepted past a hole; {@link Result#from()}..{@link Result#to()} are missing */
    GAP,
    /** a missing seq arrived: accept */
    FILLED,
    /** gap above MAX_GAP: state reset, accepted, nothing requested */
    RESET,
    /** the last seq again, or an old one: only refreshes the link */
    DUPLICATE
  }

  record Result(Outcome outcome, long from, long to, int lost, boolean holesClosed) {}

  long generation;
  long lastSeq;
  long lastAckSent;
  long peerAckSeq;
  final int ackTrigger;
  private final NavigableSet<Long> missing = new TreeSet<>();

  SequenceTracker(int ackTrigger) {
    this.ackTrigger = ackTrigger;
  }

  NavigableSet<Long> missing() {
    return missing;
  }

  /** Forgets the sequence state (restart, huge gap); keeps the trigger. */
  void reset() {
    lastSeq = 0;
    lastAckSent = 0;
    missing.clear();
  }

  Result track(long seq) {
    if (lastSeq == 0 || seq == lastSeq + 1) {
      lastSeq = seq;
      return new Result(Outcome.IN_ORDER, 0, 0, 0, false);
    }
    if (seq > lastSeq + 1) {
      long gap = seq - lastSeq - 1;
      long from = lastSeq;
      if (gap > MAX_GAP) {
        reset();
        lastSeq = seq;
        return new Result(Outcome.RESET, from, seq, (int) gap, false);
      }
      for (long s = lastSeq + 1; s < seq && missing.size() < MAX_MISSING; s++) {
        missing.add(s);
      }
      lastSeq = seq;
      return new Result(Outcome.GAP, from, seq, (int) gap, false);
    }
    if (missing.remove(seq)) {
      return new Result(Outcome.FILLED, 0, 0, 0, missing.isEmpty());
    }
    return new Result(Outcome.DUPLICATE, 0, 0, 0, false);
  }

  /** Forgets one missing seq (NAK received); true if it was missing. */
  boolean forget(long seq) {
    return missing.remove(seq);
  }
}
