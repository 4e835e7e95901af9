package org.jheartbeat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.e2e.ClusterNode;
import org.jheartbeat.e2e.Httpd;
import org.jheartbeat.e2e.NodeKind;
import org.jheartbeat.e2e.TutorialPair;
import org.jheartbeat.e2e.TwoNodeLab;
import org.jheartbeat.e2e.VipClient;
import org.jheartbeat.e2e.Walkthrough;

/**
 * The benchmark's cluster: a {@link TwoNodeLab} under {@value #REAL_PREFIX} or
 * {@value #OURS_PREFIX} with the tutorial's two nodes (both of one daemon, ha.cf from a {@link TimingProfile}, the tutorial's
 * haresources: VIP and lighttpd on orasrv1), and a {@link BenchPoller} in the client namespace.
 * Every wait is bounded; {@link #close()} keeps the logs in the log directory and removes nodes,
 * poller and namespaces, also when the JVM is told to stop (shutdown hook).
 */
final class BenchLab implements AutoCloseable {
  /** Namespace prefixes of the clusters of either daemon (both may run at once). */
  static final String REAL_PREFIX = "jhb-bf-fr";
  static final String OURS_PREFIX = "jhb-bf-fj";
  private static final Duration MARGIN = Duration.ofSeconds(15);
  private static final Duration CLIENT_MAX = Duration.ofHours(3);

  private final TwoNodeLab lab;
  private final Measurement.Daemon daemon;
  private final TimingProfile timing;
  private final Path logDir;
  private final ClusterNode n1;
  private final ClusterNode n2;
  private final Process poller;
  private final VipClient polls;
  private final Thread hook = new Thread(this::close, "bench-lab-cleanup");
  private boolean closed;

  private BenchLab(TwoNodeLab lab, Measurement.Daemon daemon, TimingProfile timing, Path logDir, ClusterNode n1, ClusterNode n2, Process poller,
      VipClient polls) {
    this.lab = lab;
    this.daemon = daemon;
    this.timing = timing;
    this.logDir = logDir;
    this.n1 = n1;
    this.n2 = n2;
    this.poller = poller;
    this.polls = polls;
  }

  /** The ha.cf of both nodes: the tutorial's, with the profile's timing. */
  static String haCf(TimingProfile timing) {
    return TutorialPair.haCf(timing.haCfLines(), "off", "ping " + TwoNodeLab.PING_NODE_IP + "\n");
  }

  /**
   * Builds the lab, starts the poller and both daemons, and returns once one node serves the VIP
   * and both see each other active.
   */
  static BenchLab start(Measurement.Daemon daemon, TimingProfile timing, Path logDir, Duration interval,
      Duration timeout) {
    NodeKind kind = daemon == Measurement.Daemon.REAL ? NodeKind.REAL : NodeKind.JHEARTBEAT;
    if (!kind.available()) {
      throw new IllegalStateException(daemon.label() + " is not available on this machine");
    }
    TwoNodeLab lab = new TwoNodeLab(daemon == Measurement.Daemon.REAL ? REAL_PREFIX : OURS_PREFIX, true, true, 694);
    TutorialPair pair = null;
    Process poller = null;
    try {
      Files.createDirectories(logDir);
      pair = TutorialPair.create(lab, kind, kind, haCf(timing), Walkthrough.HARESOURCES);
      ClusterNode a = pair.n1();
      ClusterNode b = pair.n2();
      Path clientLog = logDir.resolve("client.log").toAbsolutePath();
      Files.deleteIfExists(clientLog);
      Files.createFile(clientLog);
      poller = startPoller(lab, interval, timeout, clientLog);
      BenchLab bench = new BenchLab(lab, daemon, timing, logDir, a, b, poller, VipClient.analyse(clientLog));
      Runtime.getRuntime().addShutdownHook(bench.hook);
      a.start();
      b.start();
      bench.awaitServing(Duration.ofSeconds(Long.parseLong(timing.initdead())).plus(MARGIN));
      awaitPeersActive(List.of(a, b), MARGIN.plus(MARGIN));
      bench.settle();
      FailoverBench.say(daemon.label() + " cluster up: " + bench.serving().name() + " serves");
      return bench;
    } catch (IOException | RuntimeException e) {
      if (poller != null) {
        poller.destroyForcibly();
      }
      if (pair != null) {
        pair.n2().saveLog(logDir);
        pair.n1().saveLog(logDir);
        pair.close();
      }
      lab.close();
      throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
    }
  }

  private static Process startPoller(TwoNodeLab lab, Duration interval, Duration timeout, Path clientLog) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // nice -10 as the tests' poller: the measurement is the cluster's outage, not the client's CPU starvation
    List<String> argv = List.of("nice", "-n", "-10", java, "-Xmx32m", "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), BenchPoller.class.getName(),
        VipClient.URL, Long.toString(interval.toMillis()), Long.toString(timeout.toMillis()),
        Long.toString(CLIENT_MAX.toSeconds()), clientLog.toString());
    return lab.net().start(lab.clientNs(), argv, Path.of(clientLog + ".out"));
  }

  Measurement.Daemon daemon() {
    return daemon;
  }

  /** The node whose answer the client received last. */
  ClusterNode serving() {
    String name = polls.polls().stream().filter(VipClient.Poll::ok).max(Comparator.comparing(VipClient.Poll::end))
        .map(VipClient.Poll::answer).orElseThrow(() -> new IllegalStateException("nobody has answered the client"));
    return name.equals(n1.name()) ? n1 : n2;
  }

  ClusterNode other(ClusterNode node) {
    return node == n1 ? n2 : n1;
  }

  /** Power-off of a node (links cut, every process killed, its addresses flushed). */
  void powerOff(ClusterNode node) {
    node.powerOff(lab);
  }

  /**
   * Waits until {@code taker} answers the client after {@code trigger}, then a poll timeout more
   * so that every poll in flight at that moment is in the file, and returns the client's view.
   */
  ClientTimeline awaitServed(Instant trigger, ClusterNode taker, Duration atMost) {
    long end = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < end) {
      if (ClientTimeline.of(polls.polls(), trigger, taker.name()).isPresent()) {
        sleep(Duration.ofMillis(300));
        return ClientTimeline.of(polls.polls(), trigger, taker.name()).orElseThrow();
      }
      sleep(Duration.ofMillis(20));
    }
    throw new IllegalStateException(taker.name() + " did not answer the client within " + atMost);
  }

  /** Boots a node that was powered off or stopped and waits until it has rejoined (nothing moves). */
  void rejoin(ClusterNode node) {
    lab.restoreLinks(node.slot());
    int before = node.log().length();
    node.start();
    awaitPeersActive(List.of(n1, n2), MARGIN.plus(MARGIN));
    awaitLog(node, before, "resource transition completed|Initial resource acquisition complete", MARGIN);
    settle();
  }

  /**
   * After a failed run: links up, both daemons running and one node serving, or false. A node
   * whose status query fails is started again.
   */
  boolean recover() {
    try {
      for (ClusterNode n : List.of(n1, n2)) {
        lab.restoreLinks(n.slot());
      }
      for (ClusterNode n : List.of(n1, n2)) {
        if (n.nodeStatus(other(n).name()).isEmpty()) {
          n.start();
        }
      }
      awaitPeersActive(List.of(n1, n2), MARGIN.plus(MARGIN));
      awaitServing(MARGIN);
      settle();
      return true;
    } catch (RuntimeException e) {
      FailoverBench.say("recovery failed: " + e);
      return false;
    }
  }

  private void awaitServing(Duration atMost) {
    Instant since = Instant.now();
    long end = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < end) {
      if (polls.polls().stream().anyMatch(p -> p.ok() && p.start().isAfter(since))) {
        return;
      }
      sleep(Duration.ofMillis(50));
    }
    throw new IllegalStateException("nobody serves the VIP after " + atMost);
  }

  /** Waits until each of the tutorial {@code nodes} (of one cluster or of several) sees its peer active. */
  static void awaitPeersActive(List<ClusterNode> nodes, Duration atMost) {
    long end = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < end) {
      if (nodes.stream().allMatch(n -> "active".equals(n.nodeStatus(peerName(n))))) {
        return;
      }
      sleep(Duration.ofMillis(200));
    }
    throw new IllegalStateException("not every node sees its peer active after " + atMost);
  }

  private static String peerName(ClusterNode n) {
    return n.name().equals(Walkthrough.N1) ? Walkthrough.N2 : Walkthrough.N1;
  }

  private static void awaitLog(ClusterNode node, int offset, String regex, Duration atMost) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
    long end = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < end) {
      String log = node.log();
      if (p.matcher(log.length() >= offset ? log.substring(offset) : log).find()) {
        return;
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(node.name() + " did not log /" + regex + "/ within " + atMost);
  }

  /** Two keepalives, at least three seconds: the last messages of a transition (hb_standby's handshake) are through. */
  void settle() {
    Duration twoBeats = timing.keepaliveDuration().multipliedBy(2);
    sleep(twoBeats.compareTo(Duration.ofSeconds(3)) > 0 ? twoBeats : Duration.ofSeconds(3));
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Keeps the nodes' logs, stops the poller and removes nodes and namespaces; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: the hook runs this anyway
      }
    }
    poller.destroyForcibly();
    try {
      poller.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ClusterNode n : List.of(n1, n2)) {
      n.saveLog(logDir);
      try {
        Path script = Httpd.scriptLog(n.configDir());
        if (Files.exists(script)) {
          Files.copy(script, logDir.resolve(n.name() + "-httpd-script.log"), StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException | RuntimeException e) {
        System.err.println("bench: cannot keep the httpd script log of " + n.name() + ": " + e);
      }
      try {
        n.close();
      } catch (RuntimeException e) {
        System.err.println("bench: closing " + n.name() + " failed: " + e);
      }
    }
    lab.close();
  }
}
