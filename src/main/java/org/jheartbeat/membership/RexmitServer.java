package org.jheartbeat.membership;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sender side of retransmission (spec wire §7.3): for each seq of an {@code NS_rexmit} addressed
 * to us, skip it if the requester already acknowledged it; below the history →
 * {@code ERROR: Cannot rexmit pkt N for X: seqno too low} and an {@code NS_nak_rexmit}; above the
 * highest sent → {@code WARN: Rexmit of seq N requested. M is max.}; found → the very same
 * stamped message goes out again unless that slot was resent less than max_rexmit_delay-10 ms
 * ago; not found → NAK {@code seqno not found}. At most {@value #MAX_PER_REQUEST} per request.
 * Our addition: all retransmissions of this node share one {@link RateBudget} ({@value #BURST} at
 * once, then {@value #PER_SECOND} a second) with its NAKs, since each goes to the whole segment; a
 * seq skipped for want of budget is answered when the requester asks again.
 */
final class RexmitServer {
  static final int MAX_PER_REQUEST = 50;
  static final int BURST = 50;
  static final int PER_SECOND = 10;
  private static final Logger log = LoggerFactory.getLogger(Membership.class);

  private final SendHistory history;
  private final Clock clock;
  private final long minGapNanos;
  private final Outbox resend;
  private final Consumer<Message> sendNew;
  private final MembershipMetrics metrics;
  private final RateBudget budget;

  RexmitServer(SendHistory history, Clock clock, long maxRexmitDelayMs, Outbox resend,
      Consumer<Message> sendNew, MembershipMetrics metrics) {
    this.metrics = metrics;
    this.history = history;
    this.clock = clock;
    this.minGapNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxRexmitDelayMs - 10));
    this.resend = resend;
    this.sendNew = sendNew;
    this.budget = new RateBudget(clock, BURST, Duration.ofSeconds(1).dividedBy(PER_SECOND));
  }

  void serve(String requester, long first, long last, long requesterAckSeq) {
    int sent = 0;
    for (long seq = first; seq <= last && sent < MAX_PER_REQUEST; seq++) {
      if (seq <= requesterAckSeq) {
        continue;
      }
      if (seq < history.lowest() || seq <= 0) {
        log.error("Cannot rexmit pkt {} for {}: seqno too low", seq, requester);
        nak(requester, seq, "seqno too low");
        continue;
      }
      if (seq > history.highest()) {
        log.warn("Rexmit of seq {} requested. {} is max.", seq, history.highest());
        continue;
      }
      Optional<Message> m = history.get(seq);
      if (m.isEmpty()) {
        nak(requester, seq, "seqno not found");
        continue;
      }
      long now = clock.nanoTime();
      if (!history.mayResend(seq, now, minGapNanos)) {
        continue;
      }
      if (!budget.tryTake()) {
        metrics.retransmitsDeferred.increment();
        return;
      }
      history.markResent(seq, now);
      resend.send(m.get());
      metrics.retransmitted.increment();
      sent++;
    }
  }

  private void nak(String requester, long seq, String reason) {
    if (!budget.tryTake()) {
      metrics.retransmitsDeferred.increment();
      return;
    }
    sendNew.accept(Message.builder()
        .add("t", "NS_nak_rexmit")
        .add("firstseq", Long.toHexString(seq))
        .add("dest", requester)
        .add("info", reason)
        .build());
  }
}
