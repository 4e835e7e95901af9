package org.jheartbeat.resources;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a peer is declared dead (spec membership §5.6 steps 2–4): a pending standby
 * is cancelled; STONITH is not needed when the peer was heard and gave everything up
 * (nice_failback: its last report was {@code none}; legacy: it sent {@code shutdone}) — then
 * {@code Dead node X gave up resources.} and {@code stonith result=unneeded}. Otherwise, without
 * a device: the two WARN lines and {@code result=n_stnth}, then the takeover; with one: reset
 * through the {@link Fencer}, retried every 5 s, and the takeover only after success.
 */
final class DeadPeerTakeover {
  private static final Logger log = LoggerFactory.getLogger(DeadPeerTakeover.class);

  private final ResourceManager rm;
  private final Fencer fencer;

  DeadPeerTakeover(ResourceManager rm, Fencer fencer) {
    this.rm = rm;
    this.fencer = fencer;
  }

  void peerDied(String node) {
    rm.nice.cancelStandby();
    if (rm.shuttingDown) {
      log.info("Resource takeover cancelled - shutdown in progress.");
      return;
    }
    boolean heard = rm.heardAlive.contains(node) || rm.peerShutdone.contains(node)
        || rm.nice.heardFrom(node);
    boolean gaveUp = rm.niceFailback() ? heard && rm.peerHeld == HeldSet.NONE
        : rm.peerShutdone.contains(node);
    if (gaveUp) {
      log.info("Dead node {} gave up resources.", node);
      rm.out.accept(ResourceMessages.stonith(node, "unneeded"));
      if (!rm.peerShutdone.contains(node)) {
        rm.machDownTakeover(node);
      }
      return;
    }
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
    log.info("Resetting node {} with [{}]", node, fencer);
    fencer.reset(node, result -> {
      if (result == Fencer.Result.OK) {
        log.info("node {} now reset.", node);
        rm.out.accept(ResourceMessages.stonith(node, "OK"));
        rm.machDownTakeover(node);
      } else {
        log.error("STONITH of {} failed.  Retrying...", node);
        rm.scheduler.schedule(ResourceManager.STONITH_RETRY, () -> {
          if ("dead".equals(rm.peerStatus.get(node)) && !rm.shuttingDown) {
            fence(node);
          }
        });
      }
    });
  }
}
