package org.jheartbeat.resources;

import org.jheartbeat.wire.Message;

/**
 * Orders a peer's {@code starting} and {@code resource} messages by the generation and sequence
 * number the sender stamped on them: messages are delivered as they arrive, so one recovered by
 * retransmission can come after a later one of the same run. Such a message describes a state
 * the peer has already left (spec membership §5.3 keeps the peer's <em>last</em> report), so it
 * must not overwrite the newer one; a late {@code starting} would mark the peer "in flux" until
 * its next stable report, which a stable peer never sends (seed 4333). A message of an earlier
 * run is stale too (membership drops those already, wire §7.2). Messages without a sequence
 * number (hand-built in tests) are always in order.
 */
final class ReportOrder {
  private long generation = -1;
  private long seq = -1;

  /**
   * True when {@code m} was sent before the last message accepted from the same run, or by an
   * earlier run; otherwise {@code m} becomes the last accepted one.
   */
  boolean stale(Message m) {
    long gen = hex(m.get("hg").orElse(""));
    long s = hex(m.get("seq").orElse(""));
    if (gen < 0 || s < 0) {
      return false;
    }
    if (gen < generation || gen == generation && s < seq) {
      return true;
    }
    generation = gen;
    seq = s;
    return false;
  }

  private static long hex(String text) {
    try {
      return text.isEmpty() ? -1 : Long.parseUnsignedLong(text, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
