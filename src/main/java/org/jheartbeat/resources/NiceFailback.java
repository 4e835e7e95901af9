package org.jheartbeat.resources;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nice_failback protocol of spec membership §5.3 (auto_failback on/off) over the state kept
 * by {@link ResourceManager}: {@code starting}/{@code resource} reports, the 10 s timer, own-group
 * acquisition, auto failback retried every second, and the standby handshake ({@code
 * ask_resources me → other → done → done}) with its 10 s reply timer and refusals.
 */
final class NiceFailback {
  private static final Logger log = LoggerFactory.getLogger(NiceFailback.class);

  private final ResourceManager rm;
  private final Set<String> heard = new HashSet<>();
  private StandbyState standby = StandbyState.NOT;
  private HeldSet standbySet = HeldSet.NONE;
  private Scheduler.Cancellable standbyTimer;
  private long standbyDeadline;
  private Scheduler.Cancellable rscTimer;
  private boolean rscTimerStarted;
  private Scheduler.Cancellable failbackTimer;
  private Scheduler.Cancellable auditTimer;
  private boolean failbackPending;
  private boolean acquiring;

  NiceFailback(ResourceManager rm) {
    this.rm = rm;
  }

  StandbyState standby() {
    return standby;
  }

  boolean heardFrom(String node) {
    return heard.contains(node);
  }

  private void standbyTo(StandbyState to, String reason) {
    if (standby != to) {
      log.info("Standby state: {} -> {} ({})", standby, to, reason);
      standby = to;
    }
  }

  void commUp() {
    rm.setState(RmState.STARTING, "comm up");
    rm.out.accept(ResourceMessages.starting());
  }

  void onMessage(Message m, String src, boolean fromMe) {
    if (!fromMe) {
      heard.add(src);
    }
    switch (m.type()) {
      case "starting" -> {
        if (!fromMe) {
          peerStarting();
        }
      }
      case "resource" -> resource(m, fromMe);
      default -> askResources(m, src, fromMe);
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
    if (!fromMe && rm.state == RmState.STABLE
        && m.get("isstable").map("1"::equals).orElse(true)) {
      audit(m.get("src").orElse(""));
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
    if (standby != StandbyState.NOT || rm.runner.busy() || acquiring) {
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
    rm.runner.submit(ResourceManager.ops(GroupRunner.Kind.STOP, release, "partition with " + peer),
        () -> {
          if (!rm.shuttingDown) {
            rm.out.accept(ResourceMessages.report(rm.held, true, null));
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
    if (info.equals("standby") && standby == StandbyState.OTHER) {
      cancelStandbyTimer();
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
    rm.runner.submit(ResourceManager.ops(GroupRunner.Kind.START, own, "req_our_resources"), () -> {
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
    rm.peerStable = true;
    rm.peerHeld = HeldSet.NONE;
    if (rm.held == HeldSet.ALL) {
      log.info("Received shutdown notice from '{}'.", node);
      return;
    }
    cancelStandby();
    standbyTo(StandbyState.DONE, "peer shutdone");
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
        && standby == StandbyState.NOT && !rm.runner.busy()) {
      failbackPending = false;
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

  // ------------------------------------------------------------------ standby

  ControlOutcome requestStandby(HeldSet set) {
    String refusal = null;
    if (rm.shuttingDown) {
      refusal = "Standby refused: shutdown in progress.";
    } else if (standby != StandbyState.NOT) {
      refusal = "Standby in progress- new request from " + rm.me + " ignored ["
          + secondsLeft() + " seconds left]";
    } else if (!rm.peerAlive()) {
      refusal = "Standby refused: no other node is active.";
    } else if (!rm.peerStable) {
      refusal = "standby message [me] from " + rm.me + " ignored. Other side is in flux.";
    } else if (rm.state != RmState.STABLE || rm.runner.busy()) {
      refusal = "standby message [me] from " + rm.me + " ignored. local resources in flux.";
    }
    if (refusal != null) {
      log.info(refusal);
      return ControlOutcome.refused(refusal);
    }
    log.info("Going standby [{}].", set);
    rm.out.accept(ResourceMessages.askResources(set, "me"));
    return ControlOutcome.sent("Going standby [" + set + "].");
  }

  private long secondsLeft() {
    return Math.max(0, Duration.ofNanos(standbyDeadline - rm.clock.nanoTime()).toSeconds());
  }

  private void askResources(Message m, String src, boolean fromMe) {
    HeldSet set = HeldSet.parse(m.get("rsc_hold").orElse("all")).orElse(HeldSet.ALL);
    String info = m.get("info").orElse("");
    switch (info) {
      case "me" -> askMe(set, src, fromMe);
      case "other" -> {
        if (fromMe) {
          return;
        }
        if (standby != StandbyState.ME) {
          ignored(info, src);
          return;
        }
        cancelStandbyTimer();
        log.info("standby: {} can take our {} resources", src, set);
        log.info("give up {} HA resources (standby).", set);
        rm.out.accept(ResourceMessages.report(rm.held.minus(set), false, "standby"));
        rm.runner.submit(ResourceManager.ops(GroupRunner.Kind.STOP, rm.groupsOf(rm.me, set),
            "standby"), () -> {
              log.info("{} HA resource release completed (standby).", set);
              rm.out.accept(ResourceMessages.askResources(set, "done"));
            });
      }
      case "done" -> askDone(set, src, fromMe);
      default -> ignored(info, src);
    }
  }

  private void askMe(HeldSet set, String src, boolean fromMe) {
    if (standby != StandbyState.NOT) {
      log.info("Standby in progress- new request from {} ignored [{} seconds left]", src,
          secondsLeft());
      return;
    }
    if (!fromMe) {
      if (!rm.peerStable) {
        log.info("standby message [me] from {} ignored. Other side is in flux.", src);
        return;
      }
      if (rm.state != RmState.STABLE || rm.runner.busy() || rm.shuttingDown) {
        log.info("standby message [me] from {} ignored. local resources in flux.", src);
        return;
      }
    }
    log.info("{} wants to go standby [{}]", src, set);
    standbySet = set;
    standbyTo(fromMe ? StandbyState.ME : StandbyState.OTHER, "ask_resources me from " + src);
    standbyDeadline = rm.clock.nanoTime() + ResourceManager.STANDBY_TIMEOUT.toNanos();
    if (fromMe) {
      standbyTimer = rm.scheduler.schedule(ResourceManager.STANDBY_TIMEOUT, () -> {
        standbyTimer = null;
        if (standby == StandbyState.ME) {
          log.info("No reply to standby request.  Standby request cancelled.");
          standbyTo(StandbyState.NOT, "no reply");
          if (set == HeldSet.FOREIGN && rm.held.has(HeldSet.FOREIGN)) {
            failbackPending = true;
            tryAutoFailback();
          }
        }
      });
    } else {
      // our own guard (Heartbeat has none): a stale `me` retransmitted after a partition must not
      // leave us in OTHER for ever; the requester's standby report cancels this timer
      standbyTimer = rm.scheduler.schedule(ResourceManager.STANDBY_TIMEOUT, () -> {
        standbyTimer = null;
        if (standby == StandbyState.OTHER) {
          log.info("No standby release from {}.  Standby request cancelled.", src);
          standbyTo(StandbyState.NOT, "requester silent");
        }
      });
      rm.out.accept(ResourceMessages.askResources(set, "other"));
    }
  }

  private void askDone(HeldSet set, String src, boolean fromMe) {
    if (fromMe) {
      switch (standby) {
        case ME -> {
          log.info("Local standby process completed [{}].", set);
          rm.held = rm.held.minus(set);
          standbyTo(StandbyState.DONE, "released " + set);
        }
        case OTHER, DONE -> {
          log.info("Standby resource acquisition done [{}].", set);
          standbyTo(StandbyState.NOT, "acquired " + set);
        }
        default -> ignored("done", src);
      }
      return;
    }
    switch (standby) {
      case OTHER -> {
        log.info("standby: acquire [{}] resources from {}", set, src);
        log.info("acquire {} HA resources (standby).", set);
        rm.runner.submit(ResourceManager.ops(GroupRunner.Kind.START, rm.groupsOf(src, set),
            "standby of " + src), () -> {
              rm.held = rm.held.plus(set.seenByPeer());
              log.info("{} HA resource acquisition completed (standby).", set);
              rm.out.accept(ResourceMessages.report(rm.held, true, null));
              rm.out.accept(ResourceMessages.askResources(set, "done"));
            });
      }
      case DONE -> {
        log.info("Other node completed standby takeover of {} resources.", set);
        standbyTo(StandbyState.NOT, "other node done");
        rm.out.accept(ResourceMessages.report(rm.held, true, null));
      }
      default -> ignored("done", src);
    }
  }

  private void ignored(String info, String src) {
    log.info("Ignored standby message '{}' from {} in state {}", info, src, standby.ordinal());
  }

  /** A peer died or the cluster healed: a running handshake cannot finish. */
  void cancelStandby() {
    if (standby != StandbyState.NOT) {
      log.info("Cancelling pending standby operation");
      standbyTo(StandbyState.NOT, "cancelled");
    }
    cancelStandbyTimer();
  }

  private void cancelStandbyTimer() {
    if (standbyTimer != null) {
      standbyTimer.cancel();
      standbyTimer = null;
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
    cancelStandbyTimer();
    if (failbackTimer != null) {
      failbackTimer.cancel();
      failbackTimer = null;
    }
    if (auditTimer != null) {
      auditTimer.cancel();
      auditTimer = null;
    }
  }

  List<String> debugState() {
    return List.of(standby.name(), standbySet.name());
  }
}
