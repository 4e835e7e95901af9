package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The ACK rate is Heartbeat's (spec wire §7.4), not more: one ACK per ten in-order messages of a
 * peer, one after a filled hole, none for duplicates. In an N-node cluster that is N²/2 ACKs a
 * second at keepalive 200 ms, a quadratic growth the real daemon has as well; receivers drop
 * other nodes' ACKs cheaply instead (wire.ForeignControl).
 */
class AckPolicyTest {
  private static List<Long> feed(AckPolicy policy, SequenceTracker t, long... seqs) {
    List<Long> acks = new ArrayList<>();
    for (long seq : seqs) {
      OptionalLong ack = policy.ackFor(t, seq, t.track(seq).outcome());
      ack.ifPresent(acks::add);
    }
    return acks;
  }

  @Test
  void inOrderTrafficIsAckedOncePerTenMessagesAtTheTrigger() {
    for (int trigger = 0; trigger < AckPolicy.DIVISOR; trigger++) {
      SequenceTracker t = new SequenceTracker(trigger);
      long[] seqs = java.util.stream.LongStream.rangeClosed(1, 1000).toArray();
      List<Long> acks = feed(new AckPolicy(), t, seqs);
      assertThat(acks).hasSize(100).allMatch(s -> s % AckPolicy.DIVISOR == t.ackTrigger);
    }
  }

  @Test
  void duplicatesAndHolesDoNotMultiplyAcks() {
    SequenceTracker t = new SequenceTracker(3);
    AckPolicy policy = new AckPolicy();
    assertThat(feed(policy, t, 1, 2, 3, 3, 3)).containsExactly(3L);
    // 4..12 lost, 13 opens a hole: nothing is acked until it is filled, then once.
    assertThat(feed(policy, t, 13, 14)).isEmpty();
    assertThat(feed(policy, t, 4, 5, 6, 7, 8, 9, 10, 11, 12)).containsExactly(13L);
    assertThat(feed(policy, t, 12, 13)).isEmpty();
  }

  /** Seeded random loss and reordering: never more than one ACK per trigger-aligned seq. */
  @Test
  void randomLossNeverAcksASeqTwiceOrOutOfOrder() {
    Random random = new Random(32);
    for (int run = 0; run < 200; run++) {
      SequenceTracker t = new SequenceTracker(random.nextInt(AckPolicy.DIVISOR));
      AckPolicy policy = new AckPolicy();
      List<Long> acks = new ArrayList<>();
      List<Long> late = new ArrayList<>();
      for (long seq = 1; seq <= 300; seq++) {
        if (random.nextInt(20) == 0) {
          late.add(seq);
          continue;
        }
        acks.addAll(feed(policy, t, seq));
        if (!late.isEmpty() && random.nextBoolean()) {
          acks.addAll(feed(policy, t, late.remove(0)));
        }
      }
      assertThat(acks).isSorted().doesNotHaveDuplicates().allMatch(s -> s % AckPolicy.DIVISOR == t.ackTrigger);
      assertThat(acks.size()).isLessThanOrEqualTo(300 / AckPolicy.DIVISOR + 1);
    }
  }
}
