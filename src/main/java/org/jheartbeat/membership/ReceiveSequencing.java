package org.jheartbeat.membership;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sequenced half of the receive pipeline (spec wire §7.2 steps 3–4, §7.3, §7.4): a seq must
 * be HEX &gt; 0; an older generation is a replay ({@code attempted replay attack [X]?}) and is
 * dropped; the first message seen from a sender fixes its generation (whatever its type); a
 * newer generation on a status is a restart ({@code Heartbeat restart on node X} when
 * one was known) and resets the sender's sequence state; a status from a dead node that is not
 * newer than its last status is stale. Then the seq is tracked: gaps log
 * {@code N lost packet(s) for [X] [a:b]} (decimal) and arm retransmission requests, a filled
 * hole may log {@code No pkts missing from X!}, duplicates stop here, and an ACK goes out at the
 * trigger. Also keeps, per peer, the {@code ackseq} it acknowledged from us and handles NAKs.
 */
final class ReceiveSequencing {
  private static final Logger log = LoggerFactory.getLogger(ReceiveSequencing.class);

  private final NodeTable table;
  private final FailureDetector failures;
  private final RandomGenerator random;
  private final AckPolicy acks;
  private final Retransmitter retransmitter;
  private final Consumer<Message> send;
  private final MembershipMetrics metrics;
  private final Map<String, SequenceTracker> trackers = new HashMap<>();

  ReceiveSequencing(NodeTable table, FailureDetector failures, Scheduler scheduler, Clock clock,
      RandomGenerator random, long maxRexmitDelayMs, AckPolicy acks, BooleanSupplier running,
      Consumer<Message> send, MembershipMetrics metrics) {
    this.metrics = metrics;
    this.table = table;
    this.failures = failures;
    this.random = random;
    this.acks = acks;
    this.send = send;
    this.retransmitter = new Retransmitter(scheduler, clock, random, maxRexmitDelayMs,
        new Retransmitter.Requests() {
          @Override
          public boolean stillWanted(String node, long seq) {
            SequenceTracker t = trackers.get(node);
            return running.getAsBoolean() && t != null && t.missing().contains(seq)
                && table.find(node).map(n -> n.status != NodeStatus.DEAD).orElse(false);
          }

          @Override
          public void request(String node, long seq) {
            metrics.rexmitRequests.increment();
            send.accept(Message.builder().add("t", "NS_rexmit").add("dest", node)
                .add("firstseq", Long.toString(seq)).add("lastseq", Long.toString(seq)).build());
          }

          @Override
          public void deferred() {
            metrics.rexmitDeferred.increment();
          }
        });
  }

  /**
   * Runs the sequencing rules on a sequenced message from {@code n}; returns its seq when the
   * message is to be processed further (not yet checked for its addressee), else empty.
   */
  OptionalLong accept(NodeTable.Node n, Message m) {
    long seq = Hex.parse(m.get("seq").orElse(""));
    if (seq <= 0) {
      log.debug("bad sequence number from {}: {}", n.name(), m.get("seq").orElse("(missing)"));
      return OptionalLong.empty();
    }
    long gen = Math.max(0, Hex.parse(m.get("hg").orElse("0")));
    SequenceTracker t = tracker(n);
    boolean status = m.type().equals("status");
    if (t.generation == 0 && gen > 0) {
      // first message ever seen from this sender: adopt its generation whatever its type, so a
      // later status of the same run does not reset (and re-deliver) what was already accepted
      t.generation = gen;
    }
    if (gen < t.generation) {
      log.error("attempted replay attack [{}]? [gen = {}, curgen = {}]", n.name(), gen, t.generation);
      return OptionalLong.empty();
    }
    if (gen > t.generation) {
      // a new run, whatever message of it comes first: resetting only on its first status would
      // forget what was accepted before that status and deliver retransmitted copies again
      if (t.generation > 0) {
        log.info("Heartbeat restart on node {}", n.name());
        failures.resetTimestamps(n);
      }
      t.generation = gen;
      t.reset();
      retransmitter.cancelAll(n.name());
    } else if (status && n.status == NodeStatus.DEAD && seq <= n.lastStatusSeq) {
      log.debug("stale status from dead node {} seq {}", n.name(), seq);
      return OptionalLong.empty();
    }
    SequenceTracker.Result r = t.track(seq);
    switch (r.outcome()) {
      case DUPLICATE -> {
        return OptionalLong.empty();
      }
      case GAP -> {
        log.warn("{} lost packet(s) for [{}] [{}:{}]", r.lost(), n.name(), r.from(), r.to());
        metrics.lostPackets.increment(r.lost());
        for (long s = r.from() + 1; s < r.to(); s++) {
          if (t.missing().contains(s)) {
            retransmitter.missing(n.name(), s);
          }
        }
      }
      case RESET -> {
        log.warn("lost a lot of packets! {} lost packet(s) for [{}] [{}:{}]",
            r.lost(), n.name(), r.from(), r.to());
        metrics.lostPackets.increment(r.lost());
        retransmitter.cancelAll(n.name());
      }
      case FILLED -> {
        retransmitter.cancel(n.name(), seq);
        if (r.holesClosed()) {
          log.info("No pkts missing from {}!", n.name());
        }
      }
      case IN_ORDER -> { }
    }
    OptionalLong ack = acks.ackFor(t, seq, r.outcome());
    if (ack.isPresent()) {
      send.accept(Message.builder().add("t", "NS_ackmsg").add("dest", n.name())
          .add("ackseq", Long.toHexString(ack.getAsLong())).build());
    }
    return OptionalLong.of(seq);
  }

  /** {@code NS_nak_rexmit} for us: the seq is lost for good. */
  void onNak(NodeTable.Node n, long seq) {
    log.error("Irretrievably lost packet: node {} seq {}", n.name(), seq);
    metrics.irretrievable.increment();
    tracker(n).forget(seq);
    retransmitter.cancel(n.name(), seq);
  }

  /** {@code NS_ackmsg} for us: {@code n} has everything of ours up to {@code ackseq}. */
  void onAck(NodeTable.Node n, long ackseq) {
    SequenceTracker t = tracker(n);
    t.peerAckSeq = Math.max(t.peerAckSeq, ackseq);
  }

  long peerAckSeq(NodeTable.Node n) {
    return tracker(n).peerAckSeq;
  }

  List<Long> missingFrom(String node) {
    SequenceTracker t = trackers.get(node);
    return t == null ? List.of() : List.copyOf(t.missing());
  }

  void stop() {
    retransmitter.cancelAll();
  }

  int pendingRexmitTimers() {
    return retransmitter.pending();
  }

  private SequenceTracker tracker(NodeTable.Node n) {
    return trackers.computeIfAbsent(n.name(), k -> new SequenceTracker(random.nextInt(10)));
  }
}
