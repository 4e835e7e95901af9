package org.jheartbeat.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * One node of an end-to-end cluster, whatever daemon runs it: the real Heartbeat 3.0.6
 * ({@link RealHeartbeatNode}) or jheartbeat ({@link JheartbeatNode}). Scenario tests written
 * against this interface run unchanged with either daemon on either slot of a {@link TwoNodeLab}.
 * Every method is bounded in time.
 */
public interface ClusterNode extends AutoCloseable {
  /** How often {@link #awaitLog} re-reads the log. */
  Duration LOG_POLL = Duration.ofMillis(200);

  /** The cluster node name ({@code node} line of ha.cf; for the real daemon also the hostname). */
  String name();

  /** The lab position the node occupies. */
  TwoNodeLab.Slot slot();

  /** Starts the daemon and returns once its process runs (not necessarily once it hears peers). */
  void start();

  /** Graceful stop, bounded; falls back to SIGKILL when the daemon does not exit in time. */
  void stop();

  /** SIGKILL of the daemon's processes (resources and addresses they set up stay, as in a crash of the daemon). */
  void kill9();

  /**
   * The node's configuration directory as seen from the test (ha.cf, haresources, and
   * {@code resource.d/}, where both daemons look for resource scripts first): the real node sees
   * it bind-mounted at {@code /etc/ha.d}, jheartbeat gets it as {@code --config-dir}.
   */
  java.nio.file.Path configDir();

  /**
   * Runs the node's own {@code hb_standby SET} inside the node ({@code all}, {@code foreign},
   * {@code local} or {@code failback}): asks the daemon to hand SET over to the peer. Returns once
   * the tool returned (the handover itself is asynchronous); fails if the tool exits non-zero.
   */
  void standby(String set);

  /** The status word this node reports for {@code peer} ({@code cl_status nodestatus}): active, dead, up, init... */
  String nodeStatus(String peer);

  /** The status word of {@code peer}'s link {@code link} ({@code cl_status hblinkstatus}): up or dead. */
  String linkStatus(String peer, String link);

  /**
   * Crash as "power-off" (NAMESPACE-NOTES "Faults"): the node's switch ports go down, every
   * process of the daemon gets SIGKILL, and the secondary addresses on {@code eth0} (the VIPs an
   * {@code IPaddr} resource added) are flushed, so that a later {@link TwoNodeLab#restoreLinks}
   * does not bring back a duplicate VIP. The daemon's files stay; {@link #start()} boots it again.
   */
  default void powerOff(TwoNodeLab lab) {
    lab.cutLinks(slot());
    kill9();
    lab.net().ip("-n", lab.ns(slot()), "addr", "flush", "dev", "eth0", "secondary");
  }

  /** The daemon's log so far ("" before it exists). */
  String log();

  /**
   * Waits (polling every {@link #LOG_POLL}, at most {@code atMost}) until a line of the log
   * matches {@code regex} (find semantics) and returns that line; fails with Awaitility's
   * ConditionTimeoutException otherwise.
   */
  default String awaitLog(String regex, Duration atMost) {
    Pattern p = Pattern.compile(regex);
    return Awaitility.await(name() + " log ~ /" + regex + "/")
        .atMost(atMost)
        .pollInterval(LOG_POLL)
        .pollDelay(Duration.ZERO)
        .until(() -> firstMatch(log(), p), Optional::isPresent)
        .orElseThrow();
  }

  /**
   * Writes the log so far to {@code dir/<name>-ha-log} (creating {@code dir}) for post-mortems:
   * the node's own files go away with {@link #close()}. Never throws; returns the file or null.
   */
  default java.nio.file.Path saveLog(java.nio.file.Path dir) {
    try {
      java.nio.file.Files.createDirectories(dir);
      return java.nio.file.Files.writeString(dir.resolve(name() + "-ha-log"), log());
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  /** The number of log lines matching {@code regex} (find semantics). */
  default long countLog(String regex) {
    Pattern p = Pattern.compile(regex);
    return log().lines().filter(l -> p.matcher(l).find()).count();
  }

  private static Optional<String> firstMatch(String log, Pattern p) {
    return log.lines().filter(l -> {
      Matcher m = p.matcher(l);
      return m.find();
    }).findFirst();
  }

  /** Stops everything of this node (SIGKILL if needed) and removes its files; idempotent. */
  @Override
  void close();
}
