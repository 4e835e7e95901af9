package org.jheartbeat.cts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jheartbeat.e2e.ClusterNode;
import org.jheartbeat.e2e.JheartbeatNode;
import org.jheartbeat.e2e.RealHeartbeatNode;
import org.jheartbeat.testkit.Netns;

/**
 * What the CTS needs of a node's daemon beyond {@link ClusterNode}, for either kind: its process
 * tree (to signal it), whether it lives, its state directory and its {@code cl_status rscstatus}.
 * jheartbeat is one JVM (the launcher execs it), the real daemon a master with children whose pid
 * is in its {@code /run/heartbeat.pid}; lighttpd is in neither tree (it daemonises), so signals
 * sent here reach the daemon and its agents, never the service.
 */
final class Daemons {
  private Daemons() {}

  /** Whether the node's daemon process lives (a paused one does). */
  static boolean alive(ClusterNode node) {
    if (node instanceof JheartbeatNode j) {
      return j.process() != null && j.process().isAlive();
    }
    if (node instanceof RealHeartbeatNode r) {
      return r.daemonPid().isPresent();
    }
    throw unknown(node);
  }

  /** The daemon's pid and its descendants' (fails when no daemon runs). */
  static List<Long> pids(ClusterNode node) {
    Optional<ProcessHandle> root;
    if (node instanceof JheartbeatNode j) {
      root = Optional.ofNullable(j.process()).filter(Process::isAlive).map(Process::toHandle);
    } else if (node instanceof RealHeartbeatNode r) {
      root = r.daemonPid().flatMap(ProcessHandle::of);
    } else {
      throw unknown(node);
    }
    List<Long> pids = new ArrayList<>();
    root.ifPresent(h -> {
      pids.add(h.pid());
      h.descendants().forEach(d -> pids.add(d.pid()));
    });
    if (pids.isEmpty()) {
      throw new IllegalStateException(node.name() + ": no daemon process to signal");
    }
    return pids;
  }

  /** {@code kill SIG PIDS}; fails when kill does. */
  static void signal(String sig, List<Long> pids) {
    List<String> argv = new ArrayList<>(List.of("kill", sig));
    pids.forEach(p -> argv.add(Long.toString(p)));
    Netns.exec(argv, Duration.ofSeconds(10)).requireSuccess(String.join(" ", argv));
  }

  /** The node's {@code /var/lib/heartbeat} (uuid, generation, host cache). */
  static Path stateDir(ClusterNode node) {
    if (node instanceof JheartbeatNode j) {
      return j.stateDir();
    }
    if (node instanceof RealHeartbeatNode r) {
      return r.dir().resolve("var-lib-hb");
    }
    throw unknown(node);
  }

  /** What the node's {@code cl_status rscstatus} prints: all, local, foreign, none or transition. */
  static String rscstatus(ClusterNode node) {
    Netns.Result r;
    if (node instanceof JheartbeatNode j) {
      r = j.clStatus("rscstatus");
    } else if (node instanceof RealHeartbeatNode real) {
      r = real.clStatus("rscstatus");
    } else {
      throw unknown(node);
    }
    return r.stdout().strip();
  }

  private static IllegalArgumentException unknown(ClusterNode node) {
    return new IllegalArgumentException("unknown node kind: " + node.getClass().getSimpleName());
  }
}
