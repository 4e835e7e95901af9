package org.jheartbeat.resources;

import java.util.List;
import org.jheartbeat.config.ResourceGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code auto_failback legacy} (spec membership §5.4): at comm up every own group is requested
 * with {@code req_resource} — alone, by an {@code ip-request-resp} addressed to ourselves; with an
 * active peer, by {@code ip-request}, which the owner answers after releasing the group. A group
 * already running or already being started is never started again, so the real daemon's
 * double acquisition at initdead cannot happen here. Our deviation: with a STONITH device, a
 * peer dead at comm up is reset before our own groups are acquired (see {@link #commUp}).
 */
final class LegacyRequests {
  private static final Logger log = LoggerFactory.getLogger(LegacyRequests.class);

  static final java.time.Duration REQUEST_RETRY = java.time.Duration.ofSeconds(5);
  static final int REQUEST_TRIES = 3;
  private final ResourceManager rm;
  private final java.util.Map<String, Integer> pending = new java.util.HashMap<>();
  /** Peers dead at comm up whose reset our own acquisition waits for. */
  private final java.util.Set<String> awaitingReset = new java.util.LinkedHashSet<>();

  LegacyRequests(ResourceManager rm) {
    this.rm = rm;
  }

  /**
   * Comm up: acquire our own groups, unless a peer dead at comm up must be reset first. A node
   * that boots into a partition cannot tell whether that peer runs our groups (it took them over
   * while we were down); Heartbeat starts them at once and both run them until the reset lands.
   * We wait, as the nice_failback modes do ({@code req_our_resources} after {@code node X now
   * reset.}): the takeover after the reset acquires them ({@link #machDown}), or the peer's
   * return does ({@link #peerBack}).
   */
  void commUp(List<String> unfenced) {
    if (unfenced.isEmpty()) {
      acquireOwn();
      return;
    }
    awaitingReset.addAll(unfenced);
    log.info("Local resource acquisition deferred until {} is reset.", String.join(", ", unfenced));
  }

  /**
   * A peer we saw dead is back: no reset is awaited for it any more. After a healed partition
   * {@link #reclaimOwn} asks for our groups; after a restart, once the queued work has run, we ask
   * for each of our groups not running here, since the restarted peer asks only for its own. Such
   * a group would otherwise stay stopped for good: held back for the peer's reset, or asked for
   * while the peer was shutting down (no answer) and not taken over because the peer was back
   * before its reset landed (fencing seed 1001297).
   */
  void peerBack(String peer, boolean restarted) {
    awaitingReset.remove(peer);
    if (!restarted) {
      return;
    }
    rm.runner.submit(List.of(), () -> {
      if (!rm.shuttingDown && awaitingReset.isEmpty() && !"dead".equals(rm.peerStatus.get(peer))) {
        acquireOwn();
      }
    });
  }

  /**
   * At comm up every peer has been heard or declared dead, but its first status may not have
   * arrived yet (comm up can follow the node list exchange): a peer not known dead counts as
   * active here, so we ask it rather than starting a group it may run.
   */
  void acquireOwn() {
    acquireOwn(rm.otherNodes().stream().anyMatch(n -> !"dead".equals(rm.peerStatus.get(n))));
  }

  private void acquireOwn(boolean peerActive) {
    for (ResourceGroup g : rm.res.localTo(rm.me)) {
      if (rm.runner.isRunningHere(g)) {
        continue;
      }
      if (peerActive) {
        request(g.key(), 1);
      } else {
        rm.out.accept(ResourceMessages.ipRequestResp(rm.me, g.key(), true));
      }
    }
  }

  /**
   * rc.d/ip-request: release the group if we own it, then answer. Judged after the work already
   * queued (a takeover that will start the group counts as owning it).
   */
  void onIpRequest(String from, String key) {
    var g = rm.res.group(key);
    if (g.isEmpty() || rm.shuttingDown) {
      return;
    }
    rm.runner.submit(List.of(), () -> {
      if (rm.shuttingDown) {
        return;
      }
      if (!rm.runner.isRunningHere(g.get())) {
        rm.out.accept(ResourceMessages.ipRequestResp(from, key, false));
        return;
      }
      rm.runner.submit(List.of(new ActionQueue.Op(ActionQueue.Kind.STOP, g.get(),
          "ip-request from " + from)), () -> rm.out.accept(ResourceMessages.ipRequestResp(from, key, true)));
    });
  }

  /**
   * A partition with {@code peer} healed: once the queued work (say, the takeover of the peer)
   * has run, stop the peer's groups that run here — the peer runs them, whether it never noticed
   * the partition or took them back itself — unless it has shut down meanwhile.
   */
  void releasePeers(String peer) {
    rm.runner.submit(List.of(), () -> {
      if (rm.shuttingDown || rm.peerShutdone.contains(peer)) {
        return;
      }
      List<ResourceGroup> release = rm.res.localTo(peer).stream()
          .filter(rm.runner::isRunningHere).toList();
      log.info("Partition rule (LEGACY): releasing {} group(s) to {}", release.size(), peer);
      rm.runner.submit(ResourceManager.ops(ActionQueue.Kind.STOP, release, "partition with " + peer),
          () -> {});
    });
  }

  /**
   * A peer came back (restart or healed partition): once the queued work has run, ask for each
   * of our own groups with {@code ip-request}. Whoever runs one releases it and we start it; legacy
   * mode always gives a group back to its preferred node, so both sides converge on that without
   * a blind release (our partition rule for legacy mode).
   */
  void reclaimOwn(String peer) {
    rm.runner.submit(List.of(), () -> {
      if (rm.shuttingDown || "dead".equals(rm.peerStatus.get(peer))) {
        return;
      }
      for (ResourceGroup g : rm.res.localTo(rm.me)) {
        request(g.key(), 1);
      }
    });
  }

  /**
   * Sends {@code ip-request}; unanswered after 5 s (the packet was lost in a heal or a restart
   * of the peer), it is sent again, three times in all. Heartbeat sends it once and leaves the
   * group stopped when no answer comes; a retry costs nothing, since the answer is idempotent.
   * The request stays pending after the last try, so that an answer retransmitted later is
   * still acted on.
   */
  private void request(String key, int attempt) {
    pending.put(key, attempt);
    rm.out.accept(ResourceMessages.ipRequest(key));
    rm.scheduler.schedule(REQUEST_RETRY, () -> {
      Integer a = pending.get(key);
      if (a == null || a != attempt || rm.shuttingDown || !rm.peerAlive()) {
        return;
      }
      if (attempt >= REQUEST_TRIES) {
        log.warn("No answer to ip-request for {}; group left as it is", key);
        return;
      }
      request(key, attempt + 1);
    });
  }

  /**
   * rc.d/ip-request-resp addressed to us: start the group — if we sent it to ourselves or asked
   * the peer for the group. Heartbeat starts it on any answer; an answer we did not ask for (a
   * capture replayed to a node that restarted and so has no sequence history for the sender,
   * seed 3224) would start a group its sender still runs, and nobody would then release it.
   */
  void onIpRequestResp(String key, String weown, boolean fromMe) {
    var g = rm.res.group(key);
    if (g.isEmpty() || rm.shuttingDown) {
      return;
    }
    boolean asked = pending.remove(key) != null;
    if (!fromMe && !asked) {
      log.warn("Ignoring ip-request-resp {} OK {}: no ip-request for it is pending", key, weown);
      return;
    }
    log.info("received ip-request-resp {} OK {}", key, weown);
    rm.runner.submit(List.of(new ActionQueue.Op(ActionQueue.Kind.START, g.get(), "ip-request-resp")),
        () -> rm.logInitial("ip-request-resp"));
  }

  /**
   * Takes over every group of {@code node} (no resource messages in legacy mode), then asks for
   * our own groups that are not running once more, from ourselves: an {@code ip-request} the
   * departed node never answered (it was shutting down, or died) would otherwise leave them
   * stopped for good. While another peer dead at comm up still awaits its reset, they wait too.
   */
  void machDown(String node) {
    rm.machDown(node, () -> {
      rm.logInitial("status");
      awaitingReset.remove(node);
      if (!rm.shuttingDown && awaitingReset.isEmpty()) {
        acquireOwn(false);
      }
    });
  }
}
