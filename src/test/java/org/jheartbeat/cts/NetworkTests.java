package org.jheartbeat.cts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jheartbeat.e2e.ClusterNode;

/**
 * The CTS tests that break the heartbeat network (switch ports and nftables drops in the switch
 * namespace; the public network and the client stay whole). A loss the failure detector must ride
 * out (random packet loss, a flapping link whose outages stay below deadtime) moves nothing and
 * kills nobody. A partition longer than deadtime (Split_brain, a one-way drop) makes the side that
 * hears nothing take the group over too; after the heal the partition rule leaves it on exactly
 * one node: orasrv1 when both held it, the old owner otherwise.
 */
final class NetworkTests {
  /** Lines of a healed partition on either side, and retransmission trouble of a lossy link. */
  static final String[] PARTITION_LINES = {
      "Cluster node .* returning after partition", "Late heartbeat: Node", "Both machines own (our|foreign) resources"};
  static final String[] LOSS_LINES = {"Cannot rexmit pkt", "Irretrievably lost packet", "lost packet"};

  private NetworkTests() {}

  static List<CtsTest> all() {
    return List.of(new SplitBrain(), new PacketLoss(), new AsymmetricLoss(), new LinkFlap());
  }

  /** Waits deadtime, then checks that no node declared a node dead since its mark ({@code during}: under what). */
  private static void assertNoDeathWithinDeadtime(List<LogMark> marks, String during) {
    CtsTest.sleep(CtsCluster.DEADTIME);
    for (LogMark m : marks) {
      assertThat(m.contains(": is dead")).as("%s declared a node dead %s", m.node().name(), during).isFalse();
    }
  }

  /**
   * The heartbeat link of a random node is cut for deadtime plus 1–4 s: both declare the other
   * dead, the non-owner takes the group over (the documented split brain: both serve during the
   * partition), and after the heal exactly one keeps it.
   */
  static final class SplitBrain extends CtsTest {
    SplitBrain() {
      super("Split_brain", Duration.ofSeconds(20), PARTITION_LINES);
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      Draw side = draw(c, rnd);
      ClusterNode owner = side.owner();
      ClusterNode other = c.other(owner);
      Duration extra = millis(rnd, 1000, 4000);
      LogMark mo = LogMark.of(other);
      LogMark mw = LogMark.of(owner);
      var sinceFault = c.marks();
      Instant t = Instant.now();
      c.heartbeatLink(side.node(), false);
      try {
        long detect = FailureTests.detection(owner, mo, t);
        FailureTests.detection(other, mw, t);
        FailureTests.awaitHoldsAll(c, other);
        assertThat(c.holdsAll(owner)).as("%s keeps the group during the partition", owner.name()).isTrue();
        sleep(Duration.between(Instant.now(), t.plus(CtsCluster.DEADTIME).plus(extra)));
        Instant heal = Instant.now();
        c.heartbeatLink(side.node(), true);
        c.awaitJoined(CtsCluster.MARGIN.plus(CtsCluster.INITDEAD));
        c.awaitServedBy(c.first(), CtsCluster.MARGIN.plus(CtsCluster.INITDEAD));
        Instant settled = Instant.now();
        c.awaitRealRestartAfterHeal(sinceFault);
        c.awaitServedBy(c.first(), CtsCluster.MARGIN);
        return Outcome.measured("cut " + side.node().name() + "'s heartbeat link for "
            + CtsCluster.DEADTIME.plus(extra).toMillis() + "ms", c.first(), detect, ms(heal, settled));
      } finally {
        c.heartbeatLink(side.node(), true);
      }
    }
  }

  /** 10–40 % of the heartbeat packets on a random node's link are dropped for 6–10 s: nothing moves. */
  static final class PacketLoss extends CtsTest {
    PacketLoss() {
      super("PacketLoss", Duration.ofSeconds(15), LOSS_LINES);
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      Draw lossy = draw(c, rnd);
      int percent = 10 + rnd.nextInt(31);
      Duration d = millis(rnd, 6000, 10000);
      List<LogMark> marks = c.nodes().stream().map(LogMark::of).toList();
      Map<String, Long> dropped;
      c.lab().loss(lossy.node().slot(), percent);
      try {
        sleep(d);
        dropped = c.lab().dropCounters();
      } finally {
        c.lab().clearLoss();
      }
      assertNoDeathWithinDeadtime(marks, "under " + percent + "% loss");
      long total = dropped.values().stream().mapToLong(Long::longValue).sum();
      return Outcome.of(percent + "% on " + lossy.node().name() + " for " + d.toMillis() + "ms (" + total
          + " dropped)", lossy.owner());
    }
  }

  /**
   * Every heartbeat packet a random node sends is dropped for deadtime plus 1–3 s while it still
   * hears its peer: the peer declares it dead (and takes the group over if it held it); the deaf
   * side must not declare the peer dead. After the drops end, one owner.
   */
  static final class AsymmetricLoss extends CtsTest {
    AsymmetricLoss() {
      super("AsymmetricLoss", Duration.ofSeconds(20), PARTITION_LINES);
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      Draw drawn = draw(c, rnd);
      ClusterNode mute = drawn.node();
      ClusterNode peer = drawn.peer();
      Duration extra = millis(rnd, 1000, 3000);
      LogMark mp = LogMark.of(peer);
      LogMark mm = LogMark.of(mute);
      var sinceFault = c.marks();
      Instant t = Instant.now();
      long detect;
      c.lab().asymmetricDrop(mute.slot());
      try {
        detect = FailureTests.detection(mute, mp, t);
        if (drawn.ownerDrawn()) {
          FailureTests.awaitHoldsAll(c, peer);
        }
        sleep(Duration.between(Instant.now(), t.plus(CtsCluster.DEADTIME).plus(extra)));
      } finally {
        c.lab().clearLoss();
      }
      Instant heal = Instant.now();
      c.awaitJoined(CtsCluster.MARGIN.plus(CtsCluster.INITDEAD));
      c.awaitRealRestartAfterHeal(sinceFault);
      ClusterNode end = c.ownerAfterHeal(sinceFault, drawn.ownerDrawn() ? c.first() : drawn.owner());
      c.awaitServedBy(end, CtsCluster.MARGIN.plus(CtsCluster.INITDEAD));
      Instant settled = Instant.now();
      assertThat(mm.contains(CtsCluster.deadLine(peer)))
          .as("%s, which heard %s all along, declared it dead", mute.name(), peer.name()).isFalse();
      return Outcome.measured("drop all sent by " + drawn.label() + " for "
          + CtsCluster.DEADTIME.plus(extra).toMillis() + "ms", end, detect, ms(heal, settled));
    }
  }

  /**
   * A random node's heartbeat link goes down and up 3–6 times, each outage 300–1000 ms (below
   * deadtime minus a keepalive and slack), each up time 300–1000 ms: nobody is declared dead,
   * nothing moves.
   */
  static final class LinkFlap extends CtsTest {
    LinkFlap() {
      super("LinkFlap", Duration.ofSeconds(15), LOSS_LINES);
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      Draw flapping = draw(c, rnd);
      ClusterNode n = flapping.node();
      int cycles = 3 + rnd.nextInt(4);
      List<LogMark> marks = c.nodes().stream().map(LogMark::of).toList();
      long downTotal = 0;
      try {
        for (int i = 0; i < cycles; i++) {
          Duration down = millis(rnd, 300, 1000);
          downTotal += down.toMillis();
          c.heartbeatLink(n, false);
          sleep(down);
          c.heartbeatLink(n, true);
          sleep(millis(rnd, 300, 1000));
        }
      } finally {
        c.heartbeatLink(n, true);
      }
      assertNoDeathWithinDeadtime(marks, "on a flapping link");
      return Outcome.of(cycles + " flaps of " + n.name() + "'s heartbeat link, " + downTotal + "ms down",
          flapping.owner());
    }
  }
}
