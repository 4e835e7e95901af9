package org.jheartbeat.resources;

import java.time.Duration;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standby handshake of spec membership §5.3 step 7 between the requesting node R and the
 * other node O: R sends {@code ask_resources S me}; O, if both sides are stable, answers {@code
 * other}; R reports {@code held−S isstable=0 info=standby}, stops the groups of S and sends
 * {@code done}; O starts them, reports and sends {@code done}; both return to {@code NOT}. R gives
 * up without an answer after 10 s; O (our addition) gives up after 10 s when R never starts its
 * release, so a stale {@code me} retransmitted after a partition cannot block later requests.
 */
final class StandbyHandshake {
  private static final Logger log = LoggerFactory.getLogger(StandbyHandshake.class);

  private final ResourceManager rm;
  private final NiceFailback nice;
  private StandbyState standby = StandbyState.NOT;
  private Scheduler.Cancellable standbyTimer;
  private long standbyDeadline;

  StandbyHandshake(ResourceManager rm, NiceFailback nice) {
    this.rm = rm;
    this.nice = nice;
  }

  StandbyState state() {
    return standby;
  }

  /** The requester's {@code info=standby} report: it is releasing, so O waits for its done. */
  void releaseStarted() {
    if (standby == StandbyState.OTHER) {
      cancelTimer();
    }
  }

  void to(StandbyState to, String reason) {
    if (standby != to) {
      log.info("Standby state: {} -> {} ({})", standby, to, reason);
      standby = to;
    }
  }


  ControlOutcome request(HeldSet set) {
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

  void onAskResources(Message m, String src, boolean fromMe) {
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
        cancelTimer();
        log.info("standby: {} can take our {} resources", src, set);
        log.info("give up {} HA resources (standby).", set);
        rm.out.accept(ResourceMessages.report(rm.held.minus(set), false, "standby"));
        rm.runner.submit(ResourceManager.ops(ActionQueue.Kind.STOP, rm.groupsOf(rm.me, set),
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
    to(fromMe ? StandbyState.ME : StandbyState.OTHER, "ask_resources me from " + src);
    standbyDeadline = rm.clock.nanoTime() + ResourceManager.STANDBY_TIMEOUT.toNanos();
    if (fromMe) {
      standbyTimer = rm.scheduler.schedule(ResourceManager.STANDBY_TIMEOUT, () -> {
        standbyTimer = null;
        if (standby == StandbyState.ME) {
          log.info("No reply to standby request.  Standby request cancelled.");
          to(StandbyState.NOT, "no reply");
          if (set == HeldSet.FOREIGN) {
            nice.failbackAgain();
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
          to(StandbyState.NOT, "requester silent");
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
          to(StandbyState.DONE, "released " + set);
          awaitTakeover();
        }
        case OTHER, DONE -> {
          log.info("Standby resource acquisition done [{}].", set);
          to(StandbyState.NOT, "acquired " + set);
        }
        default -> ignored("done", src);
      }
      return;
    }
    switch (standby) {
      case OTHER -> {
        if (rm.shuttingDown) {
          // our shutdown has released (or is releasing) everything: a start now would outlive the daemon
          log.info("Standby takeover of [{}] from {} cancelled - shutdown in progress.", set, src);
          to(StandbyState.NOT, "shutting down");
          return;
        }
        log.info("standby: acquire [{}] resources from {}", set, src);
        // The taker names the set from its own side, as the real daemon logs it.
        log.info("acquire {} HA resources (standby).", set.seenByPeer());
        rm.runner.submit(ResourceManager.ops(ActionQueue.Kind.START, rm.groupsOf(src, set),
            "standby of " + src), () -> {
              rm.held = rm.held.plus(set.seenByPeer());
              log.info("{} HA resource acquisition completed (standby).", set.seenByPeer());
              rm.out.accept(ResourceMessages.report(rm.held, true, null));
              rm.out.accept(ResourceMessages.askResources(set, "done"));
            });
      }
      case DONE -> {
        log.info("Other node completed standby takeover of {} resources.", set);
        to(StandbyState.NOT, "other node done");
        rm.out.accept(ResourceMessages.report(rm.held, true, null));
      }
      default -> ignored("done", src);
    }
  }

  /**
   * Our guard (Heartbeat has none): having released the set, we wait for the peer's {@code done};
   * a peer that took us for dead meanwhile has cancelled its side and will never send it, and
   * while we stay DONE the audit of overlapping claims never runs, so both nodes could keep a
   * group for ever. After {@link ResourceManager#STANDBY_TIMEOUT} we leave DONE and report what
   * we hold, which lets either side settle any overlap, and take back our own groups if the peer
   * does not claim them either (seed 9669: the heal that cancelled its side also made it give
   * them up by the partition rule).
   */
  private void awaitTakeover() {
    cancelTimer();
    standbyTimer = rm.scheduler.schedule(ResourceManager.STANDBY_TIMEOUT, () -> {
      standbyTimer = null;
      if (standby == StandbyState.DONE) {
        log.info("No takeover reply to our standby.  Standby request cancelled.");
        to(StandbyState.NOT, "no takeover reply");
        rm.out.accept(ResourceMessages.report(rm.held, true, null));
        nice.acquireUnclaimedOwn(rm.peerName());
      }
    });
  }

  private void ignored(String info, String src) {
    log.info("Ignored standby message '{}' from {} in state {}", info, src, standby.ordinal());
  }

  /** A peer died or the cluster healed: a running handshake cannot finish. */
  void cancel() {
    if (standby != StandbyState.NOT) {
      log.info("Cancelling pending standby operation");
      to(StandbyState.NOT, "cancelled");
    }
    cancelTimer();
  }

  void cancelTimer() {
    if (standbyTimer != null) {
      standbyTimer.cancel();
      standbyTimer = null;
    }
  }
}
