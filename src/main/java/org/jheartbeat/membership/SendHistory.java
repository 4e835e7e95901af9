package org.jheartbeat.membership;

import java.util.Optional;
import org.jheartbeat.wire.Message;

/**
 * The last {@value #SLOTS} sequenced messages this node sent, kept exactly as stamped so that a
 * retransmission is the same message (and, with the deterministic encoder, the same bytes;
 * spec wire §7.3, §8). Each slot remembers when it was last retransmitted.
 */
final class SendHistory {
  static final int SLOTS = 500;

  private final Message[] messages = new Message[SLOTS];
  private final long[] seqs = new long[SLOTS];
  private final long[] resentAt = new long[SLOTS];
  private final boolean[] resent = new boolean[SLOTS];
  private long highest;

  void add(long seq, Message m) {
    int slot = (int) (seq % SLOTS);
    messages[slot] = m;
    seqs[slot] = seq;
    resent[slot] = false;
    highest = Math.max(highest, seq);
  }

  /** Highest seq sent, 0 if none. */
  long highest() {
    return highest;
  }

  /** Lowest seq still held, 0 if none. */
  long lowest() {
    return highest == 0 ? 0 : Math.max(1, highest - SLOTS + 1);
  }

  Optional<Message> get(long seq) {
    int slot = (int) (seq % SLOTS);
    if (seq <= 0 || messages[slot] == null || seqs[slot] != seq) {
      return Optional.empty();
    }
    return Optional.of(messages[slot]);
  }

  /** Whether {@code seq} was not retransmitted within {@code minGapNanos} before {@code now}. */
  boolean mayResend(long seq, long nowNanos, long minGapNanos) {
    int slot = (int) (seq % SLOTS);
    return !resent[slot] || nowNanos - resentAt[slot] >= minGapNanos;
  }

  void markResent(long seq, long nowNanos) {
    int slot = (int) (seq % SLOTS);
    resent[slot] = true;
    resentAt[slot] = nowNanos;
  }
}
