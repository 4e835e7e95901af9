package org.jheartbeat.resources;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jheartbeat.platform.logging.HbMarkers;
import org.jheartbeat.runtime.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a peer is declared dead (spec membership §5.6 steps 2–4): a pending standby
 * is cancelled; STONITH is not needed when the peer was heard and gave everything up
 * (nice_failback: its last report was {@code none}, stable or announcing its shutdown — an
 * unstable {@code none} of a peer still starting does not count; legacy: it sent {@code
 * shutdone}) — then
 * {@code Dead node X gave up resources.} and {@code stonith result=unneeded}. Otherwise, under
 * {@code split_brain_policy ping_quorum}, the {@link PingQuorum} decides (after its settle delay)
 * whether this node may act at all: if not, it gives up every group it runs and waits until it
 * reaches a ping node again. Then, without a device: the two WARN lines and {@code
 * result=n_stnth}, then the takeover; with one: reset through the {@link Fencer} ({@code
 * Resetting node X with [TYPE]}, {@code node X now reset.}), and the takeover only after
 * success. A failed reset logs Heartbeat's {@code Host X not reset!} and {@code STONITH of X
 * failed.  Retrying...} and a CRIT
 * that the takeover is blocked, and is retried with the {@link FenceLedger} backoff for as long
 * as the peer stays dead.
 */
final class DeadPeerTakeover {
  private static final Logger log = LoggerFactory.getLogger(DeadPeerTakeover.class);

  private final ResourceManager rm;
  private final Fencer fencer;
  private final FenceLedger ledger;
  private final PingQuorum quorum;
  /** Dead peers whose takeover waits until this node reaches a ping node again. */
  private final Set<String> waitingForPing = new LinkedHashSet<>();
  /** Dead peers whose death the quorum has not let this node act on yet (settle delay or no ping node). */
  private final Set<String> undecided = new LinkedHashSet<>();
  /** Dead peers this node stood down for and has not taken over since. */
  private final Set<String> stoodDownFor = new LinkedHashSet<>();
  /** Restarted peers whose takeover is still owed: it runs once their reset succeeds. */
  private final Set<String> owedAfterRestart = new LinkedHashSet<>();
  /** Peers reset while seen alive (after a restart), and until when (nanoTime) their coming death is that reset's. */
  private final Map<String, Long> resetWhileAlive = new HashMap<>();
  private final Duration deadtime;
  /**
   * The pending retry of a failed reset, per peer. It belongs to that death: a peer that returns
   * and dies again starts a chain of its own, and the old one must not run beside it.
   */
  private final Map<String, Scheduler.Cancellable> retries = new HashMap<>();
  /** Peers whose reset runs on the device now. */
  private final Set<String> resetting = new HashSet<>();

  DeadPeerTakeover(ResourceManager rm, Fencer fencer, FenceLedger ledger, PingQuorum quorum, Duration deadtime) {
    this.rm = rm;
    this.fencer = fencer;
    this.ledger = ledger;
    this.quorum = quorum;
    this.deadtime = deadtime;
  }

  void peerDied(String node) {
    // while we hand groups over by hb_standby (or auto failback) the peer acquires them after its
    // last report of none: that report no longer says it gave everything up (seed 1001598)
    StandbyState handshake = rm.nice.standby();
    boolean handingOver = handshake == StandbyState.ME || handshake == StandbyState.DONE;
    rm.nice.cancelStandby();
    if (rm.shuttingDown) {
      log.info("Resource takeover cancelled - shutdown in progress.");
      return;
    }
    boolean owed = owedAfterRestart.remove(node);
    if (owed) {
      // the takeover still owed for the previous death is this death's now, with its own retries,
      // and it still needs the reset: the restarted peer's silence is no report of none
      cancelRetry(node);
      ledger.abandoned(node);
    }
    Long until = resetWhileAlive.remove(node);
    if (until != null && rm.clock.nanoTime() <= until) {
      // judging this death again would reset the peer again as it reboots, and again after that
      log.info("Dead node {} was reset by us and its resources taken over already.", node);
      return;
    }
    if (!handingOver && !owed && gaveUp(node)) {
      log.info("Dead node {} gave up resources.", node);
      rm.out.accept(ResourceMessages.stonith(node, "unneeded"));
      if (!rm.peerShutdone.contains(node)) {
        rm.machDownTakeover(node);
      }
      return;
    }
    if (!quorum.active()) {
      decided(node);
      return;
    }
    undecided.add(node);
    rm.scheduler.schedule(quorum.settle(), () -> {
      if (undecided.contains(node) && stillDead(node)) { // not decided already, by a restart
        judge(node);
      }
    });
  }

  /** Whether the takeover of {@code node}, dead now, will wait for a reset through the device. */
  boolean resetNeeded(String node) {
    return fencer.configured() && !gaveUp(node);
  }

  private boolean gaveUp(String node) {
    boolean heard = rm.heardAlive.contains(node) || rm.peerShutdone.contains(node)
        || rm.nice.heardFrom(node);
    // A report of "none" counts when stable or announcing a shutdown: a peer still starting
    // reports an unstable none while it may already be acquiring its groups (Heartbeat skips
    // STONITH then; we reset it).
    return rm.niceFailback()
        ? heard && rm.peerHeld == HeldSet.NONE && (rm.peerStable || rm.peerReleasing)
        : rm.peerShutdone.contains(node);
  }

  /** A ping node changed status: a takeover that waited for one may go ahead now. */
  void pingStatus(String pingNode, String status) {
    if (quorum.pingStatus(pingNode, status) && !waitingForPing.isEmpty()) {
      List<String> waiting = List.copyOf(waitingForPing);
      waitingForPing.clear();
      // as after a death, wait until a partition that just healed would have shown the peer alive
      rm.scheduler.schedule(quorum.settle(), () -> waiting.stream().filter(this::stillDead).forEach(n -> {
        log.info("A ping node is reachable again and {} is still dead", n);
        judge(n);
      }));
    }
  }

  /**
   * The peer left {@code dead}. Back from a partition ({@code restarted} false), whatever waited
   * for its death is moot: the heal rule settles ownership. Back with a new generation, it died
   * and holds nothing, so a takeover still owed for that death (the quorum had not decided, or the
   * reset had not succeeded) goes ahead: a peer that rebooted within the decision's delay would
   * otherwise take only its own groups and leave the ones it had held running nowhere. We hear it
   * now, so the quorum has no partition to guard against; the reset still comes first (a daemon
   * restart does not prove the machine let go of its resources).
   */
  void peerReturned(String node, boolean restarted) {
    waitingForPing.remove(node);
    boolean stoodDown = stoodDownFor.remove(node);
    boolean owed = undecided.remove(node);
    if (restarted && !rm.shuttingDown && (owed || ledger.blocked(node))) {
      // a pending retry of a failing reset goes on: the takeover waits for its success
      log.info("{} restarted before its resources were taken over: taking them over as after its death", node);
      owedAfterRestart.add(node);
      if (owed) {
        decided(node);
      }
      return;
    }
    owedAfterRestart.remove(node);
    cancelRetry(node);
    ledger.abandoned(node);
    if (!restarted) {
      reclaimAfterHeal(node, stoodDown);
    }
  }

  /**
   * Back from a partition: the heal rule only settles groups both sides hold, and our own may be
   * held by nobody — we stood down, or a handover by standby broke in the partition (seed
   * 1001919), or the peer stalled through it and never took them. The answers to our heal
   * reports would start them ({@link NiceFailback#acquireUnclaimedOwn}), but a peer that
   * processes those reports out of order, or before it sees us active, has nothing to answer
   * (seed 1000720). So once the peer's reports had time to arrive, if neither we nor, as far as
   * we know, the peer hold our groups, we ask again ({@link NiceFailback#askBeforeReclaim}): the
   * peer marks us in flux before it answers, so that a second split before our claim arrives
   * makes it reset us rather than trust our last report of none (seed 1001842), and we start
   * them on its answer unless it claims them. A node that stood down without a device takes
   * them at once: the peer would take them over unfenced anyway. Legacy mode reclaims its own
   * groups on every heal already.
   */
  private void reclaimAfterHeal(String node, boolean stoodDown) {
    if (!rm.niceFailback()) {
      return;
    }
    rm.scheduler.schedule(quorum.settle(), () -> {
      if (rm.shuttingDown || !"active".equals(rm.peerStatus.get(node)) || rm.held.has(HeldSet.LOCAL)
          || rm.res.localTo(rm.me).isEmpty()) {
        return;
      }
      if (stoodDown && !fencer.configured()) {
        log.info("Partition with {} healed after this node stood down: acquiring our resources unless {} holds them",
            node, node);
        rm.nice.acquireOwn(false, () -> {});
      } else if (!rm.peerHeld.has(HeldSet.FOREIGN) && rm.state == RmState.STABLE
          && rm.nice.standby() == StandbyState.NOT) {
        log.info("Partition with {} healed and nobody holds our resources: asking {} before acquiring them",
            node, node);
        rm.nice.askBeforeReclaim();
      }
    });
  }

  private void judge(String node) {
    if (quorum.mayAct(node)) {
      decided(node);
      return;
    }
    waitingForPing.add(node);
    stoodDownFor.add(node);
    standDown(node);
  }

  /** Without quorum and alone: stop what runs here, so that at most the other side serves. */
  private void standDown(String node) {
    rm.held = HeldSet.NONE;
    var running = rm.res.groups().stream().filter(rm.runner::isRunningHere).toList();
    if (running.isEmpty()) {
      return;
    }
    log.error(HbMarkers.CRIT, "Giving up all HA resources: no ping node reachable while {} may serve them.", node);
    rm.runner.submit(ResourceManager.ops(ActionQueue.Kind.STOP, running, "ping quorum lost"), () -> {
      if (!rm.shuttingDown && rm.niceFailback()) {
        rm.out.accept(ResourceMessages.report(rm.held, true, null));
      }
    });
  }

  private void decided(String node) {
    undecided.remove(node);
    stoodDownFor.remove(node);
    if (!fencer.configured()) {
      owedAfterRestart.remove(node);
      log.warn("No STONITH device configured.");
      log.warn("Shared disks are not protected.");
      rm.out.accept(ResourceMessages.stonith(node, "n_stnth"));
      rm.machDownTakeover(node);
      return;
    }
    fence(node);
  }

  private void fence(String node) {
    cancelRetry(node); // one retry chain per peer, the newest death's
    ledger.resetting(node);
    if (!resetting.add(node)) {
      // its answer comes after this death and is judged then (stillDead): a second device run
      // beside it could power the peer off twice, or act on a stale answer
      log.info("Reset of node {} already in progress: its outcome counts for this death too", node);
      return;
    }
    log.info("Resetting node {} with [{}]", node, fencer);
    fencer.reset(node, result -> {
      resetting.remove(node);
      if (result == Fencer.Result.OK) {
        ledger.succeeded(node);
        log.info("node {} now reset.", node);
        rm.out.accept(ResourceMessages.stonith(node, "OK"));
        if (stillDead(node)) {
          rm.machDownTakeover(node);
        } else if (owedAfterRestart.remove(node) && !rm.shuttingDown) {
          // the reset takes the restarted peer down: membership declares it dead within deadtime
          resetWhileAlive.put(node, rm.clock.nanoTime() + deadtime.multipliedBy(2).toNanos());
          rm.machDownTakeover(node);
        }
        return;
      }
      Duration retry = ledger.failed(node);
      rm.out.accept(ResourceMessages.stonith(node, result.wire()));
      log.error("Host {} not reset!", node);
      log.error("STONITH of {} failed.  Retrying...", node);
      log.error(HbMarkers.CRIT, "Takeover of {}'s resources blocked until it is reset: next attempt in {} s",
          node, retry.toSeconds());
      retries.put(node, rm.scheduler.schedule(retry, () -> {
        retries.remove(node);
        if (stillDead(node) || owedAfterRestart.contains(node) && !rm.shuttingDown) {
          fence(node);
        } else {
          ledger.abandoned(node);
        }
      }));
    });
  }

  private void cancelRetry(String node) {
    Scheduler.Cancellable pending = retries.remove(node);
    if (pending != null) {
      pending.cancel();
    }
  }

  private boolean stillDead(String node) {
    return "dead".equals(rm.peerStatus.get(node)) && !rm.shuttingDown;
  }
}
