package org.jheartbeat.cts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.ClusterNode;
import org.jheartbeat.e2e.Httpd;
import org.jheartbeat.e2e.JheartbeatNode;
import org.jheartbeat.e2e.NodeKind;
import org.jheartbeat.e2e.RealHeartbeatNode;
import org.jheartbeat.e2e.TutorialPair;
import org.jheartbeat.e2e.TwoNodeLab;
import org.jheartbeat.e2e.TwoNodeLab.Slot;
import org.jheartbeat.e2e.VipClient;
import org.jheartbeat.e2e.Walkthrough;
import org.jheartbeat.testkit.Netns;

/**
 * The cluster the CTS tests act on, kept for the whole run as Heartbeat's CTS keeps its nodes:
 * a {@link TwoNodeLab} under {@value #PREFIX} (no ping node, a {@link VipClient}), orasrv1 on
 * slot N1 (always jheartbeat) and orasrv2 on N2 (jheartbeat, or the real Heartbeat with
 * {@code --peer real}), the tutorial's group {@code orasrv1 IPaddr::192.168.21.1/24/eth0 httpd}
 * with {@code auto_failback off} and the fast timing of {@link #KEEPALIVE}/{@link #DEADTIME}.
 *
 * <p>The class knows which daemons it started ({@link #running}) so tests can bring the cluster
 * to the state they start from, and offers the faults (stop, kill -9, power-off, SIGSTOP, wiped
 * state, link cuts, nftables drops) and the observations (who holds the VIP, whose lighttpd
 * runs, what the client sees, when a log line appeared) the tests and {@link Audits} need.
 * {@link #reset()} puts everything back to "all daemons down, nothing held, network whole"
 * after a failed test.
 */
public final class CtsCluster implements AutoCloseable {
  static final String PREFIX = "jhb-cts-";
  static final Duration KEEPALIVE = Duration.ofMillis(200);
  static final Duration DEADTIME = Duration.ofSeconds(2);
  static final Duration WARNTIME = Duration.ofSeconds(1);
  static final Duration INITDEAD = Duration.ofSeconds(4);
  /** Slack for a JVM start, resource scripts and polling on a loaded 2-core machine. */
  static final Duration MARGIN = Duration.ofSeconds(10);
  /** Heartbeat's resource timer: two nodes starting together settle only when it fires (spec §5.3). */
  static final Duration RSC_TIMER = Duration.ofSeconds(10);

  private final TwoNodeLab lab;
  private final ClusterNode n1;
  private final ClusterNode n2;
  private final VipClient client;
  private final Path logDir;
  // Synchronized: startBoth/stopBoth update them from two threads, and an EnumSet's bit vector
  // loses one of two concurrent removals (SimulStop then saw a stopped daemon as "should run").
  private final Set<Slot> running = Collections.synchronizedSet(EnumSet.noneOf(Slot.class));
  private final Set<Slot> paused = Collections.synchronizedSet(EnumSet.noneOf(Slot.class));

  /** Builds the lab and both nodes (stopped) and starts the client for at most {@code clientMax}. */
  public CtsCluster(NodeKind peerKind, Path logDir, Duration clientMax) {
    this.logDir = logDir;
    TwoNodeLab l = null;
    TutorialPair pair = null;
    try {
      Files.createDirectories(logDir);
      l = new TwoNodeLab(PREFIX, false, true, 694);
      pair = TutorialPair.create(l, NodeKind.JHEARTBEAT, peerKind, haCf(), Walkthrough.HARESOURCES);
      this.client = VipClient.start(l, logDir.resolve("client.log"), clientMax);
    } catch (IOException | RuntimeException e) {
      closeQuietly(pair);
      closeQuietly(l);
      throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
    }
    this.lab = l;
    this.n1 = pair.n1();
    this.n2 = pair.n2();
  }

  static String haCf() {
    return TutorialPair.haCf("keepalive " + KEEPALIVE.toMillis() + "ms\n"
        + "deadtime " + DEADTIME.toMillis() + "ms\n"
        + "warntime " + WARNTIME.toMillis() + "ms\n"
        + "initdead " + INITDEAD.toMillis() + "ms\n", "off", "");
  }

  public TwoNodeLab lab() {
    return lab;
  }

  public VipClient client() {
    return client;
  }

  public Path logDir() {
    return logDir;
  }

  public List<ClusterNode> nodes() {
    return List.of(n1, n2);
  }

  /** The node that is not {@code node}. */
  public ClusterNode other(ClusterNode node) {
    return node == n1 ? n2 : n1;
  }

  /** The node whose name sorts first: the keeper of the partition rule with auto_failback off. */
  public ClusterNode first() {
    return n1;
  }

  public boolean running(ClusterNode node) {
    return running.contains(node.slot());
  }

  // ------------------------------------------------------------------------------------ actions

  public void start(ClusterNode node) {
    node.start();
    running.add(node.slot());
  }

  public void stop(ClusterNode node) {
    node.stop();
    running.remove(node.slot());
  }

  /** Starts both daemons at the same moment (each start blocks until its daemon answers). */
  public void startBoth() {
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> start(n1));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> start(n2));
    CompletableFuture.allOf(a, b).join();
  }

  /** Stops both daemons at the same moment. */
  public void stopBoth() {
    CompletableFuture<Void> a = CompletableFuture.runAsync(() -> stop(n1));
    CompletableFuture<Void> b = CompletableFuture.runAsync(() -> stop(n2));
    CompletableFuture.allOf(a, b).join();
  }

  /**
   * SIGKILL of the daemon only: its VIP and lighttpd stay, as after a crash of the daemon. (The
   * real node's own kill9 kills its whole namespace, lighttpd included, so the daemon's process
   * tree is killed here instead.)
   */
  public void kill9(ClusterNode node) {
    if (node instanceof RealHeartbeatNode) {
      Daemons.signal("-KILL", Daemons.pids(node));
    } else {
      node.kill9();
    }
    running.remove(node.slot());
  }

  /** Switch ports down, every process of the node killed, its VIP flushed (NAMESPACE-NOTES "Faults"). */
  public void powerOff(ClusterNode node) {
    node.powerOff(lab);
    running.remove(node.slot());
    paused.remove(node.slot());
  }

  /** The switch port of the node's heartbeat link down (a cable pulled) or up again. */
  public void heartbeatLink(ClusterNode node, boolean up) {
    lab.net().linkUp(lab.switchNs(), lab.heartbeatPort(node.slot()), up);
  }

  /** SIGSTOP to the daemon's processes (not to lighttpd: the service itself keeps running). */
  public void pause(ClusterNode node) {
    Daemons.signal("-STOP", Daemons.pids(node));
    paused.add(node.slot());
  }

  public void resume(ClusterNode node) {
    Daemons.signal("-CONT", Daemons.pids(node));
    paused.remove(node.slot());
  }

  /**
   * Removes the files of a stopped node's state directory (uuid, generation, host caches); the
   * real daemon's package directory tree (cores/, rsctmp/ ...) stays, as an operator's
   * {@code rm /var/lib/heartbeat/*} would leave it. Returns the names removed.
   */
  public List<String> wipeState(ClusterNode node) {
    if (running(node)) {
      throw new IllegalStateException(node.name() + " still runs");
    }
    try (Stream<Path> files = Files.list(Daemons.stateDir(node))) {
      List<Path> regular = files.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
      for (Path f : regular) {
        Files.delete(f);
      }
      return regular.stream().map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ------------------------------------------------------------------------------- observations

  public boolean vipOn(ClusterNode node) {
    return lab.addressOn(node.slot(), VipClient.VIP);
  }

  /** Whether the node's lighttpd (the pid file of its {@link Httpd} resource) is a live, non-zombie process. */
  public static boolean httpdOn(ClusterNode node) {
    Path pid = Httpd.pidFile(node.configDir());
    try {
      if (!Files.exists(pid)) {
        return false;
      }
      long p = Long.parseLong(Files.readString(pid).strip());
      return org.jheartbeat.testkit.ProcessChecks.alive(p);
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  /** Whether the node holds any part of the group (VIP or lighttpd). */
  public boolean holdsAny(ClusterNode node) {
    return vipOn(node) || httpdOn(node);
  }

  /** Whether the node holds the whole group (VIP and lighttpd). */
  public boolean holdsAll(ClusterNode node) {
    return vipOn(node) && httpdOn(node);
  }

  /** The nodes holding any part of the group now. */
  public List<ClusterNode> holders() {
    return nodes().stream().filter(this::holdsAny).toList();
  }

  /**
   * Waits until {@code owner} holds the whole group, the other node holds none of it and the
   * client was answered by {@code owner}; returns the moment of that answer.
   */
  public Instant awaitServedBy(ClusterNode owner, Duration atMost) {
    ClusterNode other = other(owner);
    Awaitility.await(owner.name() + " alone holds the group").atMost(atMost)
        .pollInterval(Duration.ofMillis(200)).pollDelay(Duration.ZERO)
        .until(() -> holdsAll(owner) && !holdsAny(other));
    return client.awaitAnswer(owner.name(), MARGIN).start();
  }

  /**
   * The client's outage (VipClient.Outage#outageMs) from {@code from} to now, after letting it
   * poll another half second so that a flip back would be seen.
   */
  public long outageSince(Instant from) {
    CtsTest.sleep(Duration.ofMillis(500));
    return client.outage(from, Instant.now()).outageMs();
  }

  /** Milliseconds from {@code from} to the start of the first poll after it that {@code node} answered. */
  public long firstAnswerMs(Instant from, ClusterNode node) {
    return client.polls().stream().filter(p -> !p.start().isBefore(from) && node.name().equals(p.answer()))
        .findFirst().map(p -> Duration.between(from, p.start()).toMillis())
        .orElseThrow(() -> new AssertionError("no answer from " + node.name() + " since " + from));
  }

  /** Waits until exactly one node holds the group and the client reached it; returns that node. */
  public ClusterNode awaitSingleOwner(Duration atMost) {
    ClusterNode owner = Awaitility.await("exactly one node holds the group").atMost(atMost)
        .pollInterval(Duration.ofMillis(200)).pollDelay(Duration.ZERO)
        .until(this::singleOwner, Optional::isPresent).orElseThrow();
    client.awaitAnswer(owner.name(), MARGIN);
    return owner;
  }

  private Optional<ClusterNode> singleOwner() {
    List<ClusterNode> holders = holders();
    return holders.size() == 1 && holdsAll(holders.get(0)) ? Optional.of(holders.get(0)) : Optional.empty();
  }

  /** The single node holding the whole group now, if there is one. */
  public Optional<ClusterNode> owner() {
    return singleOwner();
  }

  /** Waits until each running node reports the other {@code active}. */
  public void awaitJoined(Duration atMost) {
    for (ClusterNode n : nodes()) {
      Awaitility.await(n.name() + " sees " + other(n).name() + " active").atMost(atMost)
          .pollInterval(Duration.ofMillis(200)).pollDelay(Duration.ZERO)
          .until(() -> "active".equals(n.nodeStatus(other(n).name())));
    }
  }

  /**
   * Waits until no running node's resources are in transition (a standby request is refused
   * while the other side is "in flux", e.g. during the 10 s resource timer after a join).
   */
  public void awaitStable(Duration atMost) {
    for (ClusterNode n : nodes()) {
      if (running(n)) {
        Awaitility.await(n.name() + " resources out of transition").atMost(atMost)
            .pollInterval(Duration.ofMillis(250)).pollDelay(Duration.ZERO)
            .until(() -> !Daemons.rscstatus(n).equals("transition"));
      }
    }
  }

  /**
   * Brings the cluster to "both daemons up, joined, resources stable, one owner", starting what
   * is down, and returns the owner.
   */
  public ClusterNode ensureBothUp() {
    List<ClusterNode> down = nodes().stream().filter(n -> !running(n)).toList();
    if (down.size() == 2) {
      startBoth();
    } else if (down.size() == 1) {
      start(down.get(0));
    }
    awaitJoined(INITDEAD.plus(MARGIN));
    awaitStable(RSC_TIMER.plus(MARGIN));
    return awaitSingleOwner(INITDEAD.plus(MARGIN));
  }

  /** Brings the cluster to "both daemons down, nothing held". */
  public void ensureBothDown() {
    List<ClusterNode> up = nodes().stream().filter(this::running).toList();
    if (up.size() == 2) {
      stopBoth();
    } else if (up.size() == 1) {
      stop(up.get(0));
    }
  }

  /**
   * A real Heartbeat that declared its peer dead during a fault and then saw it return after a
   * partition restarts itself (spec §5.7: it gives everything up, waits deadtime + 1 s and
   * re-executes); waits for that cycle to end (the restart exec, then {@code Comm_now_up}, then
   * stable resources on both) so that the test's end state and the next test see a settled
   * cluster. One that declared its peer dead on a stale view (stalled past deadtime) may instead
   * mark it active again without seeing a partition: it does not restart, and the jheartbeat
   * node's {@code RuleFallback} moves the group. Nothing to wait for with two jheartbeat nodes,
   * which settle by the partition rule without restarting. Called once both see each other
   * active, so the partition line is there if it comes at all.
   */
  public void awaitRealRestartAfterHeal(Map<ClusterNode, LogMark> sinceFault) {
    for (ClusterNode n : nodes()) {
      LogMark m = sinceFault.get(n);
      if (!(n instanceof RealHeartbeatNode) || !m.contains(deadLine(other(n)))
          || !m.contains("Cluster node " + Pattern.quote(other(n).name()) + " returning after partition")) {
        continue;
      }
      Duration cycle = DEADTIME.plusSeconds(1).plus(MARGIN).plus(MARGIN);
      m.await("Performing heartbeat restart exec", cycle);
      String log = m.since();
      int exec = log.indexOf("Performing heartbeat restart exec");
      new LogMark(n, m.offset() + exec).await("Comm_now_up", INITDEAD.plus(MARGIN));
      awaitJoined(INITDEAD.plus(MARGIN));
      awaitStable(RSC_TIMER.plus(MARGIN));
    }
  }

  /**
   * Who holds the group once a partition healed: {@code byRule}, the owner jheartbeat's partition
   * rule leaves, unless a real Heartbeat declared its peer dead during the fault: it then gave
   * everything up in its restart (spec §5.7) and the jheartbeat node took it all. A real Heartbeat
   * that did not see the partition (muted, the jheartbeat node declared it dead and took the
   * group too) never gives the group up by itself: the jheartbeat node asks it to hand the group
   * over ({@code RuleFallback}: hb_takeover, 5 s after the heal), so the rule's owner holds it
   * there too.
   */
  public ClusterNode ownerAfterHeal(Map<ClusterNode, LogMark> sinceFault, ClusterNode byRule) {
    return nodes().stream()
        .filter(n -> n instanceof RealHeartbeatNode && sinceFault.get(n).contains(deadLine(other(n))))
        .findFirst().map(this::other).orElse(byRule);
  }

  /** The line a node writes when it declares {@code n} dead. */
  static String deadLine(ClusterNode n) {
    return "node " + Pattern.quote(n.name()) + ": is dead";
  }

  /** Marks of every node's log, to give to {@link #awaitRealRestartAfterHeal}. */
  public Map<ClusterNode, LogMark> marks() {
    Map<ClusterNode, LogMark> m = new java.util.LinkedHashMap<>();
    nodes().forEach(n -> m.put(n, LogMark.of(n)));
    return m;
  }

  /**
   * After a failed test: network whole again, no drops, nothing paused, every daemon and resource
   * of both nodes killed and the VIP flushed, so the next test starts from "both down".
   */
  public void reset() {
    lab.clearLoss();
    for (ClusterNode n : nodes()) {
      if (paused.contains(n.slot())) {
        try {
          resume(n);
        } catch (RuntimeException e) {
          paused.remove(n.slot());
        }
      }
      powerOff(n);
      lab.restoreLinks(n.slot());
    }
  }

  /** Saves both nodes' logs into the log directory, stops the client, removes nodes and namespaces. */
  @Override
  public void close() {
    for (ClusterNode n : nodes()) {
      n.saveLog(logDir);
    }
    closeQuietly(client);
    closeQuietly(n1);
    closeQuietly(n2);
    closeQuietly(lab);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      System.err.println("CtsCluster: close failed: " + e);
    }
  }
}
