package org.jheartbeat.resources;

import java.util.HashSet;
import java.util.Set;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nice_failback protocol of spec membership §5.3 (auto_failback on/off) over the state kept
 * by {@link ResourceManager}: {@code starting}/{@code resource} reports, the 10 s timer, own-group
 * acquisition, auto failback retried every second, the audit of overlapping claims
 * ({@link PartitionRule}); the standby handshake itself is {@link StandbyHandshake}.
 */
final class NiceFailback {
  private static final Logger log = LoggerFactory.getLogger(NiceFailback.class);

  private final ResourceManager rm;
  private final Set<String> heard = new HashSet<>();
  private final ReportOrder peerReports = new ReportOrder();
  private Scheduler.Cancellable rscTimer;
  private boolean rscTimerStarted;
  private Scheduler.Cancellable failbackTimer;
  private Scheduler.Cancellable auditTimer;
  private boolean failbackPending;
  private boolean acquiring;
  /** We sent {@code starting} to ask before reclaiming our groups; the peer's next stable report answers. */
  private boolean reclaimAsked;
  /** Groups we kept when the peer held them too, announced again once the peer lets them go. */
  private HeldSet contested = HeldSet.NONE;
  private final StandbyHandshake standby;
  private final RuleFallback fallback;

  NiceFailback(ResourceManager rm) {
    this.rm = rm;
    this.standby = new StandbyHandshake(rm, this);
    this.fallback = new RuleFallback(rm);
  }

  StandbyState standby() {
    return standby.state();
  }

  boolean heardFrom(String node) {
    return heard.contains(node);
  }

  void commUp() {
    rm.setState(RmState.STARTING, "comm up");
    rm.out.accept(ResourceMessages.starting());
    if (rm.alone()) {
      // no other node in ha.cf will ever report, so nobody can hold our groups: take them now
      rm.peerStable = true;
      acquiring = true;
      acquireOwn(true, () -> {
        acquiring = false;
        cancelRscTimer();
        rm.setState(RmState.STABLE, "alone in cluster");
        rm.logInitial("T_RESOURCES(us)");
        log.info("local resource transition completed.");
      });
    }
  }

  void onMessage(Message m, String src, boolean fromMe) {
    if (!fromMe) {
      heard.add(src);
    }
    if (!fromMe && !m.type().equals("ask_resources") && peerReports.stale(m)) {
      log.debug("Ignoring a stale {} from {} (a later report was processed)", m.type(), src);
      return;
    }
    switch (m.type()) {
      case "starting" -> {
        if (!fromMe) {
          peerStarting();
        }
      }
      case "resource" -> resource(m, fromMe);
      default -> standby.onAskResources(m, src, fromMe);
    }
  }

  private void peerStarting() {
    boolean wasStable = rm.state == RmState.STABLE;
    if (rm.state == RmState.STARTING) {
      rm.setState(RmState.BOTHSTARTING, "peer starting");
    }
    rm.peerStable = false;
    rm.out.accept(ResourceMessages.report(rm.held, wasStable, null));
  }

  private void resource(Message m, boolean fromMe) {
    resourceReport(m, fromMe);
    boolean stable = m.get("isstable").map("1"::equals).orElse(true);
    if (!fromMe && m.get("info").map("mach_down"::equals).orElse(false)) {
      peerTookOver();
    } else if (!fromMe && stable) {
      fallback.peerReported();
    }
    if (!fromMe && rm.state == RmState.STABLE && stable) {
      boolean acquired = acquireUnclaimedOwn(m.get("src").orElse(""));
      if (reclaimAsked && !acquired) {
        // our starting put us in flux on the peer: end that, or it refuses standby and failback
        rm.out.accept(ResourceMessages.report(rm.held, true, null));
      }
      reclaimAsked = false;
      audit(m.get("src").orElse(""));
    }
    if (!fromMe) {
      announceWon();
    }
  }

  /** The fallback gave these contested groups up to a peer that keeps them. */
  void yielded(HeldSet set) {
    contested = contested.minus(set);
  }

  /**
   * The peer took over our groups by mach_down, so it declared us dead; yet we are alive and hold
   * groups it now claims too. It may be deaf to us (one-way loss: its claims then show nothing) or
   * it may hear us again (a Heartbeat peer stalled past deadtime declares us dead on its stale view
   * and then marks us active without seeing a partition, so it never restarts): our holdings as a
   * transition that ends make a peer that hears us answer with its own, and that answer is a claim
   * after our report for the {@link RuleFallback}.
   */
  private void peerTookOver() {
    fallback.peerDeclaredUsDead();
    if (rm.state == RmState.STABLE && !rm.shuttingDown && fallback.ours() != HeldSet.NONE) {
      rm.out.accept(ResourceMessages.report(rm.held, false, null));
      rm.out.accept(ResourceMessages.report(rm.held, true, null));
      fallback.reported();
    }
  }

  /** The peer announced a STONITH decision about us: it declared us dead. */
  void peerDeclaredUsDead() {
    fallback.peerDeclaredUsDead();
  }

  /** The peer's status changed (death, restart, heal): a claim it made before is moot. */
  void peerStatusChanged() {
    fallback.reset();
    reclaimAsked = false;
  }

  /**
   * Before reclaiming our groups after a heal (see DeadPeerTakeover): a {@code starting} makes the
   * peer count us in flux — so that our death from now on needs a reset, not the trust in our
   * last report of none — and answer with its holdings; on that stable answer {@link
   * #acquireUnclaimedOwn} starts the groups unless the peer claims them.
   */
  void askBeforeReclaim() {
    reclaimAsked = true;
    rm.out.accept(ResourceMessages.starting());
  }

  /**
   * A partition healed: tell the peer what we hold as a transition that ends ({@code isstable=0},
   * then {@code 1}). Any peer answers the end of a transition with its own holdings (spec §5.3
   * step 3), a real Heartbeat one too, which otherwise says nothing when it did not see the
   * partition itself: whoever then sees an overlap settles it ({@link #audit}), and a peer that
   * keeps claiming what the rule leaves to us meets the {@link RuleFallback}.
   */
  void partitionHealed() {
    rm.out.accept(ResourceMessages.report(rm.held, false, null));
    rm.out.accept(ResourceMessages.report(rm.held, true, null));
    fallback.reported();
  }

  /**
   * Our addition (Heartbeat has no rule for it): when neither we nor the stable peer claim our
   * own groups, nobody runs them and nothing in §5.3 would start them again, so we acquire them.
   * That happens when we had left them to a run of the peer that ended without our seeing its
   * death or shutdone, the moments we take them back: it restarted within deadtime while we
   * stalled (seed 1837), or a late report of that ended run made us give them up by the
   * partition rule just before its restart became known (seed 460); its new run acquires only
   * its own groups. It also happens when a standby handshake breaks after the requester released
   * our groups to us: our side was cancelled by a heal, and the requester, after its timeout,
   * reports without them (seed 8104), or when our own handover found no taker (see {@link
   * StandbyHandshake}). Only the groups' home node acts, so both nodes never start
   * the same group by this rule, and only in a quiet moment — both sides stable, no standby
   * running here — since during a handover the peer's stable reports claim what it is giving.
   */
  boolean acquireUnclaimedOwn(String peer) {
    if (rm.state != RmState.STABLE || !rm.peerStable || !rm.peerAlive()
        || standby.state() != StandbyState.NOT || acquiring || rm.shuttingDown
        || rm.held.has(HeldSet.LOCAL) || rm.peerHeld.has(HeldSet.FOREIGN)
        || rm.res.localTo(rm.me).isEmpty()) {
      return false;
    }
    log.info("{} does not hold our resources and neither do we: acquiring them.", peer);
    acquireOwn(false, () -> {});
    return true;
  }

  /**
   * Once the peer no longer claims the groups we kept by the partition rule, announce their
   * addresses again: the peer's takeover during the partition sent clients to it.
   */
  private void announceWon() {
    // a bit naming no group (a node preferred for none) is no claim: a Heartbeat peer keeps
    // reporting its empty own set after handing our groups over
    if (contested == HeldSet.NONE
        || rm.withGroups(rm.peerHeld.seenByPeer().and(contested)) != HeldSet.NONE) {
      return;
    }
    var kept = rm.groupsOf(rm.me, contested).stream().filter(rm.runner::isRunningHere).toList();
    contested = HeldSet.NONE;
    if (!kept.isEmpty()) {
      log.info("Partition settled: announcing [{}] again", kept.stream().map(g -> g.key()).toList());
      kept.forEach(rm.actions::announce);
    }
  }

  /**
   * Both nodes claim the same groups (after a healed partition, or stale reports retransmitted
   * once it healed). Heartbeat only logs this; we settle it by {@link PartitionRule}: the loser
   * stops the overlapping groups and reports, the keeper reports so that a loser who did not
   * notice the partition learns of the overlap. Retried every second while we are busy.
   */
  private void audit(String peer) {
    HeldSet overlap = rm.held.and(rm.peerHeld.seenByPeer());
    if (overlap == HeldSet.NONE || rm.shuttingDown || peer.isEmpty()) {
      return;
    }
    if (standby.state() != StandbyState.NOT || rm.runner.busy() || acquiring) {
      if (auditTimer == null) {
        auditTimer = rm.scheduler.schedule(ResourceManager.FAILBACK_RETRY, () -> {
          auditTimer = null;
          if (rm.state == RmState.STABLE && rm.peerAlive()) {
            audit(peer);
          }
        });
      }
      return;
    }
    if (overlap.has(HeldSet.LOCAL)) {
      log.error("Both machines own our resources!");
    }
    if (overlap.has(HeldSet.FOREIGN)) {
      log.error("Both machines own foreign resources!");
    }
    HeldSet lost = PartitionRule.lost(rm.mode, rm.me, peer, overlap);
    var release = rm.groupsOf(rm.me, lost).stream().filter(rm.runner::isRunningHere).toList();
    log.info("Partition rule ({}): both hold [{}]; giving up [{}] to {}", rm.mode, overlap, lost,
        peer);
    rm.held = rm.held.minus(lost);
    contested = contested.plus(overlap.minus(lost));
    rm.runner.submit(ResourceManager.ops(ActionQueue.Kind.STOP, release, "partition with " + peer),
        () -> {
          if (!rm.shuttingDown) {
            rm.out.accept(ResourceMessages.report(rm.held, true, null));
            if (contested != HeldSet.NONE) {
              fallback.reported();
            }
          }
        });
  }

  private void resourceReport(Message m, boolean fromMe) {
    HeldSet h = HeldSet.parse(m.get("rsc_hold").orElse("none")).orElse(HeldSet.NONE);
    boolean full = m.get("rtype").map("full"::equals).orElse(false);
    String info = m.get("info").orElse("");
    if (rm.state.starting()) {
      rm.setState(RmState.RSCRCVD, fromMe ? "own report" : "peer report");
      if (fromMe) {
        rm.logInitial("T_RESOURCES(us)");
      }
    }
    if (rm.state == RmState.RSCRCVD && !rscTimerStarted) {
      rscTimerStarted = true;
      rscTimer = rm.scheduler.schedule(ResourceManager.RSC_TIMER, this::rscTimerFired);
    }
    if (fromMe) {
      if (info.equals("mach_down")) {
        log.info("mach_down takeover complete.");
        rm.held = rm.held.plus(HeldSet.FOREIGN);
        rm.peerStable = true;
      } else if (info.equals("shutdown")) {
        rm.setState(RmState.SHUTDOWN, "shutdown");
      }
      return;
    }
    rm.peerHeld = full || h == HeldSet.NONE ? h : rm.peerHeld.plus(h);
    if (info.equals("standby")) {
      standby.releaseStarted();
    }
    if (!m.get("isstable").map("1"::equals).orElse(true)) {
      rm.peerStable = false;
      return;
    }
    if (!rm.peerStable) {
      rm.peerStable = true;
      log.info("remote resource transition completed.");
      rm.out.accept(ResourceMessages.report(rm.held, rm.state == RmState.STABLE, null));
      tryAutoFailback();
    }
    if (rm.state != RmState.STABLE && rm.state != RmState.SHUTDOWN && !acquiring) {
      log.info("remote resource transition completed.");
      cancelRscTimer();
      acquiring = true;
      acquireOwn(false, () -> {
        acquiring = false;
        rm.setState(RmState.STABLE, "peer stable");
        rm.logInitial("T_RESOURCES(them)");
        rm.out.accept(ResourceMessages.report(rm.held, true, null));
        tryAutoFailback();
      });
    }
  }

  private void rscTimerFired() {
    if (rm.state != RmState.RSCRCVD || acquiring || rm.shuttingDown) {
      return;
    }
    acquiring = true;
    acquireOwn(false, () -> {
      acquiring = false;
      rm.setState(RmState.STABLE, "10 s timer");
      rm.logInitial("HB_R_BOTHSTARTING");
      log.info("local resource transition completed.");
      rm.out.accept(ResourceMessages.report(rm.held, true, null));
      tryAutoFailback();
    });
  }

  /** req_our_resources (§5.3 step 4). */
  void acquireOwn(boolean forced, Runnable then) {
    if (!forced && (rm.peerHeld.has(HeldSet.FOREIGN) || rm.held.has(HeldSet.LOCAL))) {
      log.info("Local Resource acquisition completed. (none)");
      then.run();
      return;
    }
    rm.held = rm.held.plus(HeldSet.LOCAL);
    var own = rm.res.localTo(rm.me);
    rm.runner.submit(ResourceManager.ops(ActionQueue.Kind.START, own, "req_our_resources"), () -> {
      if (rm.shuttingDown) {
        return;
      }
      rm.out.accept(ResourceMessages.report(rm.held, true, "req_our_resources()"));
      if (own.isEmpty()) {
        log.info("No local resources [/usr/share/heartbeat/ResourceManager listkeys {}] to acquire.",
            rm.me);
      } else {
        log.info("Local Resource acquisition completed.");
      }
      then.run();
    });
  }

  /** Crash takeover in nice_failback mode (§5.6 step 4). */
  void takeover(String node) {
    rm.held = rm.held.plus(HeldSet.FOREIGN);
    rm.peerHeld = HeldSet.NONE;
    rm.peerStable = true;
    failbackPending = true;
    acquireOwn(true, () -> {});
    rm.machDown(node, () -> {
      if (!rm.shuttingDown) {
        rm.out.accept(ResourceMessages.machDown());
      }
    });
  }

  /** §5.3 step 8. */
  void peerShutdone(String node) {
    fallback.reset();
    rm.peerStable = true;
    rm.peerHeld = HeldSet.NONE;
    if (rm.held == HeldSet.ALL) {
      // the peer's groups run here because it went away (§5.6 mach_down path): with
      // auto_failback on they go back once it returns, whoever started them here
      failbackPending = true;
      log.info("Received shutdown notice from '{}'.", node);
      return;
    }
    standby.cancel();
    standby.to(StandbyState.DONE, "peer shutdone");
    log.info("acquire all HA resources (standby).");
    log.info("Received shutdown notice from '{}'.", node);
    log.info("Resources being acquired from {}.", node);
    cancelRscTimer();
    rm.setState(RmState.STABLE, "peer shut down");
    rm.held = HeldSet.ALL;
    failbackPending = true;
    acquireOwn(true, () -> {});
    rm.machDown(node, () -> {
      if (rm.shuttingDown) {
        return;
      }
      log.info("all HA resource acquisition completed (standby).");
      rm.out.accept(ResourceMessages.report(rm.held, true, null));
      rm.out.accept(ResourceMessages.askResources(HeldSet.ALL, "done"));
      rm.out.accept(ResourceMessages.machDown());
    });
  }

  // ------------------------------------------------------------------ auto failback

  void tryAutoFailback() {
    if (rm.mode != AutoFailback.ON || !failbackPending || rm.shuttingDown) {
      return;
    }
    if (!rm.held.has(HeldSet.FOREIGN)) {
      failbackPending = false;
      return;
    }
    if (rm.peerStable && rm.peerAlive() && rm.state == RmState.STABLE
        && standby.state() == StandbyState.NOT && !rm.runner.busy()) {
      failbackPending = false;
      if (rm.held.and(rm.peerHeld.seenByPeer()) != HeldSet.NONE) {
        // both claim the same groups (seed 360: each took the other's over during a partition):
        // two failback requests would refuse each other for ever, while the partition rule
        // already gives each node its own groups under auto_failback on
        audit(rm.peerName());
        return;
      }
      log.info("Initiating auto failback of foreign resources.");
      rm.out.accept(ResourceMessages.askResources(HeldSet.FOREIGN, "me"));
      return;
    }
    if (failbackTimer == null && rm.peerAlive()) {
      failbackTimer = rm.scheduler.schedule(ResourceManager.FAILBACK_RETRY, () -> {
        failbackTimer = null;
        tryAutoFailback();
      });
    }
  }

  private void cancelRscTimer() {
    if (rscTimer != null) {
      rscTimer.cancel();
      rscTimer = null;
    }
  }

  /** The partition rule settled ownership: no failback is owed any more. */
  void clearFailback() {
    failbackPending = false;
  }

  void cancelTimers() {
    cancelRscTimer();
    fallback.cancel();
    standby.cancelTimer();
    if (failbackTimer != null) {
      failbackTimer.cancel();
      failbackTimer = null;
    }
    if (auditTimer != null) {
      auditTimer.cancel();
      auditTimer = null;
    }
  }

  ControlOutcome requestStandby(HeldSet set) {
    return standby.request(set);
  }

  void cancelStandby() {
    standby.cancel();
  }

  /** A failback handshake was cancelled: owe it again and retry. */
  void failbackAgain() {
    if (rm.held.has(HeldSet.FOREIGN)) {
      failbackPending = true;
      tryAutoFailback();
    }
  }
}
