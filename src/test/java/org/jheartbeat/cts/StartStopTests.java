package org.jheartbeat.cts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.jheartbeat.e2e.ClusterNode;

/**
 * The CTS tests that start, stop and move the group with the daemons' own means (no fault):
 * the expected owner follows from {@code auto_failback off} — a node that is already serving
 * keeps the group, a graceful stop hands it over at once, a node starting alone takes it after
 * initdead, two nodes starting together give it to its home node orasrv1.
 */
final class StartStopTests {
  private StartStopTests() {}

  static List<CtsTest> all() {
    return List.of(new StartOnebyOne(), new SimulStart(), new SimulStop(), new StopOnebyOne(),
        new RestartOnebyOne(), new Flip(), new Restart(), new Standby());
  }

  /** From both down, start the nodes one after the other in a random order: the first one serves. */
  static final class StartOnebyOne extends CtsTest {
    StartOnebyOne() {
      super("StartOnebyOne", Duration.ofSeconds(25));
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      c.ensureBothDown();
      ClusterNode first = c.nodes().get(rnd.nextInt(2));
      Instant t = Instant.now();
      c.start(first);
      Instant served = c.awaitServedBy(first, CtsCluster.INITDEAD.plus(CtsCluster.MARGIN));
      assertThat(Duration.between(t, served)).as("%s serves alone only after initdead", first.name())
          .isGreaterThanOrEqualTo(CtsCluster.INITDEAD.minusMillis(500));
      c.start(c.other(first));
      c.awaitJoined(CtsCluster.INITDEAD.plus(CtsCluster.MARGIN));
      return Outcome.measured("first=" + first.name(), first, null, ms(t, served));
    }
  }

  /** From both down, start both at once: the group goes to its home node orasrv1. */
  static final class SimulStart extends CtsTest {
    SimulStart() {
      super("SimulStart", Duration.ofSeconds(30));
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      c.ensureBothDown();
      var marks = c.marks();
      Instant t = Instant.now();
      c.startBoth();
      c.awaitJoined(CtsCluster.INITDEAD.plus(CtsCluster.MARGIN));
      c.awaitStable(CtsCluster.RSC_TIMER.plus(CtsCluster.MARGIN));
      // A daemon up more than initdead before the other (a JVM starting slowly beside the real
      // daemon) declared it dead and took the group; otherwise it goes to its home node.
      ClusterNode owner = c.nodes().stream()
          .filter(n -> marks.get(n).contains(CtsCluster.deadLine(c.other(n)))).findFirst().orElse(c.first());
      c.awaitServedBy(owner, CtsCluster.MARGIN);
      return Outcome.measured("both" + (owner == c.first() ? "" : ", " + owner.name() + " up first"), owner, null,
          c.firstAnswerMs(t, owner));
    }
  }

  /** From both up, stop both at once: nothing is held anywhere afterwards. */
  static final class SimulStop extends CtsTest {
    SimulStop() {
      super("SimulStop", Duration.ofSeconds(10));
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      c.ensureBothUp();
      c.stopBoth();
      return Outcome.of("both", null);
    }
  }

  /** From both up, stop the nodes one after the other in a random order: the group follows, then nobody holds it. */
  static final class StopOnebyOne extends CtsTest {
    StopOnebyOne() {
      super("StopOnebyOne", Duration.ofSeconds(12));
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      Draw first = draw(c, rnd);
      Instant t = Instant.now();
      c.stop(first.node());
      c.awaitServedBy(first.peer(), CtsCluster.MARGIN);
      Long outage = first.ownerDrawn() ? c.outageSince(t) : null;
      c.stop(first.peer());
      return Outcome.measured("first=" + first.label(), null, null, outage);
    }
  }

  /** From both up, restart each node (stop, start, rejoin) in a random order: the group moves only off a stopped owner. */
  static final class RestartOnebyOne extends CtsTest {
    RestartOnebyOne() {
      super("RestartOnebyOne", Duration.ofSeconds(45));
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      Draw first = draw(c, rnd);
      ClusterNode owner = first.owner();
      for (ClusterNode n : List.of(first.node(), first.peer())) {
        c.stop(n);
        if (n == owner) {
          owner = c.other(n);
        }
        c.awaitServedBy(owner, CtsCluster.MARGIN);
        c.start(n);
        c.awaitJoined(CtsCluster.INITDEAD.plus(CtsCluster.MARGIN));
        c.awaitServedBy(owner, CtsCluster.MARGIN);
      }
      return Outcome.of("first=" + first.node().name(), owner);
    }
  }

  /** Toggles a random node (stop it if it runs, start it if not), from whatever state the last test left. */
  static final class Flip extends CtsTest {
    Flip() {
      super("Flip", Duration.ofSeconds(10));
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      ClusterNode n = c.nodes().get(rnd.nextInt(2));
      ClusterNode peer = c.other(n);
      ClusterNode before = c.running(n) || c.running(peer)
          ? c.awaitSingleOwner(CtsCluster.INITDEAD.plus(CtsCluster.MARGIN)) : null;
      Instant t = Instant.now();
      if (c.running(n)) {
        c.stop(n);
        ClusterNode owner = c.running(peer) ? peer : null;
        if (owner != null) {
          c.awaitServedBy(owner, CtsCluster.MARGIN);
          return Outcome.measured("stop " + n.name(), owner, null,
              before == n ? c.outageSince(t) : null);
        }
        return Outcome.of("stop " + n.name() + " (last one)", null);
      }
      c.start(n);
      ClusterNode owner = before != null ? before : n;
      if (c.running(peer)) {
        c.awaitJoined(CtsCluster.INITDEAD.plus(CtsCluster.MARGIN));
      }
      c.awaitServedBy(owner, CtsCluster.INITDEAD.plus(CtsCluster.MARGIN));
      return Outcome.of("start " + n.name(), owner);
    }
  }

  /** From both up, restart a random node: a restarted owner has handed the group over for good. */
  static final class Restart extends CtsTest {
    Restart() {
      super("Restart", Duration.ofSeconds(30));
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      Draw restarted = draw(c, rnd);
      Instant t = Instant.now();
      c.stop(restarted.node());
      ClusterNode after = restarted.ownerDrawn() ? restarted.peer() : restarted.owner();
      c.awaitServedBy(after, CtsCluster.MARGIN);
      Long outage = restarted.ownerDrawn() ? c.outageSince(t) : null;
      c.start(restarted.node());
      c.awaitJoined(CtsCluster.INITDEAD.plus(CtsCluster.MARGIN));
      return Outcome.measured("restart " + restarted.label(), after, null, outage);
    }
  }

  /** From both up, hb_standby on the owner (set all, or the group's own set): the peer serves. */
  static final class Standby extends CtsTest {
    Standby() {
      super("Standby", Duration.ofSeconds(10));
    }

    @Override
    Outcome run(CtsCluster c, Random rnd) {
      ClusterNode owner = c.ensureBothUp();
      String set = rnd.nextBoolean() ? "all" : owner == c.first() ? "local" : "foreign";
      ClusterNode taker = c.other(owner);
      Instant t = Instant.now();
      owner.standby(set);
      c.awaitServedBy(taker, CtsCluster.MARGIN);
      return Outcome.measured("hb_standby " + set + " on " + owner.name(), taker, null,
          c.outageSince(t));
    }
  }
}
