package org.jheartbeat.resources;

import java.time.Duration;
import java.util.HashMap;
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
  /**
   * The pending retry of a failed reset, per peer. It belongs to that death: a peer that returns
   * and dies again starts a chain of its own, and the old one must not run beside it.
   */
  private final Map<String, Scheduler.Cancellable> retries = new HashMap<>();

  DeadPeerTakeover(ResourceManager rm, Fencer fencer, FenceLedger ledger, PingQuorum quorum) {
    this.rm = rm;
    this.fencer = fencer;
    this.ledger = ledger;
    this.quorum = quorum;
  }

  void peerDied(String node) {
    rm.nice.cancelStandby();
    if (rm.shuttingDown) {
      log.info("Resource takeover cancelled - shutdown in progress.");
      return;
    }
    if (gaveUp(node)) {
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
    rm.scheduler.schedule(quorum.settle(), () -> {
      if (stillDead(node)) {
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

  /** The peer is back (healed partition or restart): whatever waited for its death is moot. */
  void peerReturned(String node) {
    waitingForPing.remove(node);
    Scheduler.Cancellable retry = retries.remove(node);
    if (retry != null) {
      retry.cancel();
    }
    ledger.abandoned(node);
  }

  private void judge(String node) {
    if (quorum.mayAct(node)) {
      decided(node);
      return;
    }
    waitingForPing.add(node);
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
    if (!fencer.configured()) {
      log.warn("No STONITH device configured.");
      log.warn("Shared disks are not protected.");
      rm.out.accept(ResourceMessages.stonith(node, "n_stnth"));
      rm.machDownTakeover(node);
      return;
    }
    fence(node);
  }

  private void fence(String node) {
    ledger.resetting(node);
    log.info("Resetting node {} with [{}]", node, fencer);
    fencer.reset(node, result -> {
      if (result == Fencer.Result.OK) {
        ledger.succeeded(node);
        log.info("node {} now reset.", node);
        rm.out.accept(ResourceMessages.stonith(node, "OK"));
        if (stillDead(node)) {
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
        if (stillDead(node)) {
          fence(node);
        } else {
          ledger.abandoned(node);
        }
      }));
    });
  }

  private boolean stillDead(String node) {
    return "dead".equals(rm.peerStatus.get(node)) && !rm.shuttingDown;
  }
}
