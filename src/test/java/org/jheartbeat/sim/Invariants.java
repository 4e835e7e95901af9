package org.jheartbeat.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.resources.GroupState;

/**
 * The invariants checked after every step, fresh per run ({@link #all}). Safety while the network
 * is healthy: a group is not held by two nodes that hear each other for longer than {@link
 * #SETTLE} beyond the recovery time of the latest fault. Liveness: a group is not held by nobody,
 * while a live eligible node exists, for longer than {@link #SETTLE} beyond that recovery time
 * (after a single fault, deadtime + agent time + the protocol's timers). A group is held by a
 * node when its machine runs the group's first resource (Heartbeat's status rule). Eligible: the
 * daemon runs, is not paused or stopping, has comm up, its agents for the group are not under a
 * fault, and it has not marked the group failed (Heartbeat does not retry a failed start by
 * itself; hb_standby hands the group to the peer, or an operator must act). In legacy mode
 * (auto_failback legacy) nobody is eligible for a group that failed to start on a node that is
 * still up: Heartbeat's hb_standby, which would hand it over, is refused in that mode.
 */
final class Invariants {
  static final Duration SETTLE = Duration.ofSeconds(15);

  private Invariants() {}

  static List<Invariant> all() {
    return List.of(new NoTwoOwnersThatHearEachOther(), new ServedWhileSomeoneCan());
  }

  static String holdingKey(ResourceGroup g) {
    return g.resources().get(0).args().get(0);
  }

  static List<String> holders(SimWorld w, ResourceGroup g) {
    return w.nodes.values().stream().filter(n -> n.machine.running().contains(holdingKey(g)))
        .map(n -> n.name).toList();
  }

  static boolean failedOn(SimNode n, ResourceGroup g) {
    return n.up() && n.resources().snapshot().groups().stream()
        .anyMatch(v -> v.key().equals(g.key()) && v.state() == GroupState.FAILED);
  }

  /** Legacy mode keeps a group that failed to start where it failed (see the class comment). */
  static boolean stuckByLegacyMode(SimWorld w, ResourceGroup g) {
    return w.mode == AutoFailback.LEGACY && w.nodes.values().stream().anyMatch(n -> failedOn(n, g));
  }

  static boolean eligible(SimWorld w, SimNode n, ResourceGroup g) {
    if (!n.up() || n.paused() || n.stopping() || !n.membershipRunning() || !n.membership().commUp()) {
      return false;
    }
    for (ResourceSpec s : g.resources()) {
      if (n.machine.behaviour(s.args().get(0)) != SimMachine.Behaviour.OK) {
        return false;
      }
    }
    return !failedOn(n, g) && !stuckByLegacyMode(w, g);
  }

  /** Reports an episode once, when it has lasted past both its own start + SETTLE and the faults' recovery time. */
  private abstract static class Episodes implements Invariant {
    private final Map<String, Long> since = new HashMap<>();

    void track(SimWorld w, String key, boolean bad, String what, Consumer<String> violation) {
      if (!bad) {
        since.remove(key);
        return;
      }
      long start = since.computeIfAbsent(key, k -> w.now());
      if (start != Long.MAX_VALUE && w.now() > Math.max(start, w.quietUntil()) + SETTLE.toNanos()) {
        violation.accept(what + " for " + (w.now() - start) / 1_000_000 + " ms");
        since.put(key, Long.MAX_VALUE);
      }
    }
  }

  static final class NoTwoOwnersThatHearEachOther extends Episodes {
    @Override
    public void check(SimWorld w, Consumer<String> violation) {
      for (ResourceGroup g : w.groups()) {
        List<String> on = holders(w, g);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < on.size(); i++) {
          for (int j = i + 1; j < on.size(); j++) {
            if (w.hearEachOther(on.get(i), on.get(j))) {
              pairs.add(on.get(i) + "+" + on.get(j));
            }
          }
        }
        track(w, g.key(), !pairs.isEmpty(), g.key() + " held by " + pairs + " that hear each other", violation);
      }
    }
  }

  static final class ServedWhileSomeoneCan extends Episodes {
    @Override
    public void check(SimWorld w, Consumer<String> violation) {
      for (ResourceGroup g : w.groups()) {
        boolean heldByLive = holders(w, g).stream().anyMatch(n -> w.nodes.get(n).up());
        List<String> could = heldByLive ? List.of()
            : w.nodes.values().stream().filter(n -> eligible(w, n, g)).map(n -> n.name).toList();
        track(w, g.key(), !could.isEmpty(), g.key() + " held by nobody while " + could + " could hold it", violation);
      }
    }
  }
}
