package org.jheartbeat.resources;

import java.time.Duration;
import java.util.List;
import org.jheartbeat.runtime.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a keeper of contested groups does when the peer does not apply the {@link PartitionRule}:
 * a real Heartbeat 3.0.6 peer that did not itself see the partition (it was the muted side, say)
 * never restarts and never gives anything up, so both nodes would hold the groups for good. When
 * this node keeps groups by the rule and reported so, and {@value #BOUND_SECONDS} s after a claim
 * of the peer's that arrived after that report the peer — alive, with the same status, stable and
 * not shutting down — still claims them, this node asks it to hand them over with {@code
 * hb_takeover} (Heartbeat's rc.d/hb_takeover runs its hb_standby of the complementary set, and
 * the standby handshake moves the groups here, where they already run: our addresses are
 * announced again once its report no longer claims them). If it still claims them after
 * {@value #TAKEOVER_ASKS} requests, this node gives them up to it instead: one owner, at the cost
 * of the rule's choice.
 *
 * <p>A peer that follows the rule (jheartbeat) has released them within one agent stop, so the
 * bound does not fire for it; should it fire for a jheartbeat peer that is slow, hb_takeover makes
 * it give up what the rule takes from it anyway; should it release them late, crossing our own
 * release, its report without them makes this node take them back, so they do not end up
 * nowhere. A peer that restarts after the heal (Heartbeat when it saw the partition, spec §5.7)
 * announces it with {@code info=shutdown isstable=0} within about 2 s, which ends the bound; its
 * {@code shutdone} then hands everything to this node by the ordinary rules. Owned by the event
 * loop, as {@link NiceFailback}.
 */
final class RuleFallback {
  static final int BOUND_SECONDS = 5;
  static final Duration BOUND = Duration.ofSeconds(BOUND_SECONDS);
  static final int TAKEOVER_ASKS = 2;
  /** A standby handshake of the peer's ends within its 10 s reply timer plus the agents' stops. */
  static final Duration ASK_AGAIN = ResourceManager.STANDBY_TIMEOUT.plus(BOUND);
  private static final Logger log = LoggerFactory.getLogger(RuleFallback.class);

  private final ResourceManager rm;
  private Scheduler.Cancellable bound;
  /** We sent a keeper report since the peer's status last changed. */
  private boolean reported;
  /** hb_takeover requests sent since the bound started. */
  private int asked;
  /** When the claim that started the bound arrived ({@link org.jheartbeat.runtime.Clock#nanoTime}). */
  private long claimedSince;
  /** Groups given up to a peer that kept them; taken back if it lets them go after all. */
  private HeldSet yielded = HeldSet.NONE;

  RuleFallback(ResourceManager rm) {
    this.rm = rm;
  }

  /**
   * We told the peer what we hold after a heal, or that the rule leaves overlapping groups to us.
   * The bound does not start yet: only a claim the peer sends after this report can show that it
   * ignores the rule (a claim sent before it, or while our reports did not reach it — one-way
   * loss — shows nothing).
   */
  void reported() {
    reported = true;
  }

  /**
   * The peer announced that it declared us dead ({@code stonith node=<us>}, or its {@code
   * mach_down}): whatever we reported before, it may not have heard (one-way loss), so its claims
   * show nothing until it claims again after a report of ours that it can hear.
   */
  void peerDeclaredUsDead() {
    cancel();
    reported = false;
  }

  /**
   * What the peer claims of the groups we hold and the rule leaves to us. Held sets are two bits
   * that may name no group at all (a node preferred for none): those are no claim.
   */
  HeldSet ours() {
    return rm.withGroups(keptBits());
  }

  /**
   * The overlap the rule leaves to us as the bits both claim: what we ask for and give up, so that
   * afterwards not even a set naming no group is claimed twice (Heartbeat logs "Both machines own
   * ..." for that too).
   */
  private HeldSet keptBits() {
    HeldSet overlap = rm.held.and(rm.peerHeld.seenByPeer());
    return overlap.minus(PartitionRule.lost(rm.mode, rm.me, rm.peerName(), overlap));
  }

  /**
   * A stable report of the peer's was processed, before it is audited: a claim on groups the rule
   * leaves to us, after our report, starts the bound; a report without such a claim ends it; and
   * groups we gave up to the peer that it no longer claims are ours again (it applied the rule
   * after all, late: both let them go).
   */
  void peerReported() {
    HeldSet claimed = ours();
    if (claimed == HeldSet.NONE) {
      cancel();
    } else if (reported && bound == null) {
      log.info("{} still claims {} after our report: the partition rule leaves them to us; waiting {} s for it"
          + " to give them up", rm.peerName(), keys(claimed), BOUND_SECONDS);
      claimedSince = rm.clock.nanoTime();
      bound = rm.scheduler.schedule(BOUND, this::expired);
    }
    takeBack();
  }

  private void expired() {
    bound = null;
    HeldSet still = ours();
    if (still == HeldSet.NONE || rm.shuttingDown || !rm.peerAlive() || rm.state != RmState.STABLE
        || !rm.peerStable || rm.peerReleasing) {
      return;
    }
    if (rm.runner.busy() || rm.nice.standby() != StandbyState.NOT) {
      // our own work first; the peer's claim is looked at again once it is done
      bound = rm.scheduler.schedule(ResourceManager.FAILBACK_RETRY, this::expired);
      return;
    }
    String peer = rm.peerName();
    HeldSet ask = keptBits();
    if (asked < TAKEOVER_ASKS) {
      asked++;
      log.warn("{} still holds {} {} s after our report that the partition rule leaves them to us: it does not"
          + " apply the rule (a Heartbeat peer keeps what it holds); asking it to hand [{}] over (hb_takeover,"
          + " request {} of {})", peer, keys(still), secondsClaimed(), ask, asked, TAKEOVER_ASKS);
      rm.out.accept(ResourceMessages.hbTakeover(ask.text()));
      bound = rm.scheduler.schedule(ASK_AGAIN, this::expired);
      return;
    }
    var release = rm.groupsOf(rm.me, still).stream().filter(rm.runner::isRunningHere).toList();
    log.error("{} still holds {} {} s after our report and did not hand them over: giving [{}] up to it", peer,
        keys(still), secondsClaimed(), ask);
    rm.held = rm.held.minus(ask);
    yielded = yielded.plus(ask);
    rm.nice.yielded(ask);
    rm.runner.submit(ResourceManager.ops(ActionQueue.Kind.STOP, release, "peer " + peer + " keeps them"), () -> {
      if (!rm.shuttingDown) {
        rm.out.accept(ResourceMessages.report(rm.held, true, null));
      }
    });
  }

  private void takeBack() {
    HeldSet peerHolds = rm.peerHeld.seenByPeer();
    HeldSet orphaned = yielded.minus(peerHolds).minus(rm.held);
    yielded = yielded.and(peerHolds);
    if (orphaned == HeldSet.NONE || rm.shuttingDown || rm.peerReleasing || rm.state != RmState.STABLE
        || rm.nice.standby() != StandbyState.NOT) {
      return;
    }
    log.info("{} gave up {} too: the partition rule leaves them to us, taking them back", rm.peerName(),
        keys(orphaned));
    rm.held = rm.held.plus(orphaned);
    var groups = rm.groupsOf(rm.me, orphaned);
    rm.runner.submit(ResourceManager.ops(ActionQueue.Kind.START, groups, "partition rule"), () -> {
      if (!rm.shuttingDown) {
        rm.out.accept(ResourceMessages.report(rm.held, true, null));
      }
    });
  }

  private List<String> keys(HeldSet set) {
    return rm.groupsOf(rm.me, set).stream().map(g -> g.key()).toList();
  }

  private long secondsClaimed() {
    return Math.round((rm.clock.nanoTime() - claimedSince) / 1e9);
  }

  /** The peer died, restarted or shut down: whatever it claimed is moot. */
  void reset() {
    cancel();
    reported = false;
    yielded = HeldSet.NONE;
  }

  void cancel() {
    asked = 0;
    if (bound != null) {
      bound.cancel();
      bound = null;
    }
  }
}
