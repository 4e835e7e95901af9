package org.jheartbeat.resources;

import org.jheartbeat.wire.Message;

/**
 * Orders a peer's {@code starting} and {@code resource} messages by the generation and sequence
 * number the sender stamped on them: messages are delivered as they arrive, so one recovered by
 * retransmission can come after a later one of the same run. Such a message describes a state
 * the peer has already left (spec membership §5.3 keeps the peer's <em>last</em> report), so it
 * must not overwrite the newer one; a late {@code starting} would mark the peer "in flux" until
 * its next stable report, which a stable peer never sends (seed 4333). A message of an earlier
 * run is stale too (membership drops those already, wire §7.2). The first message of a later run
 * tells that the peer restarted. Messages without a sequence number (hand-built in tests) are
 * always in order.
 */
final class ReportOrder {
  /** Where a message stands among those accepted before it from the same peer. */
  enum Place {
    /** Sent before a message already accepted, by the same run or an earlier one. */
    STALE,
    /** Next in the run we know (or the first we hear of). */
    IN_ORDER,
    /** The first of a later run than the one we knew: the peer restarted meanwhile. */
    NEW_RUN
  }

  private long generation = -1;
  private long seq = -1;

  /** Places {@code m}; a message that is not stale becomes the latest accepted one. */
  Place place(Message m) {
    long gen = hex(m.get("hg").orElse(""));
    long s = hex(m.get("seq").orElse(""));
    if (gen < 0 || s < 0) {
      return Place.IN_ORDER;
    }
    if (gen < generation || gen == generation && s < seq) {
      return Place.STALE;
    }
    Place place = generation >= 0 && gen > generation ? Place.NEW_RUN : Place.IN_ORDER;
    generation = gen;
    seq = s;
    return place;
  }

  private static long hex(String text) {
    try {
      return text.isEmpty() ? -1 : Long.parseUnsignedLong(text, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
