package org.jheartbeat.stability;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.e2e.JheartbeatNode;
import org.jheartbeat.e2e.TwoNodeLab;
import org.jheartbeat.e2e.TwoNodeLab.Slot;

/**
 * Fast-detection stability (issue 7): two jheartbeat daemons in the {@link TwoNodeLab}
 * namespaces ({@value #PREFIX}*) at keepalive 50 ms, warntime 150 ms, deadtime 250 ms, broadcast
 * on the heartbeat net, each with a CPU hog beside it: {@code hogsPerNode} busy shell loops
 * ({@code while :; do :; done}) in the node's namespace at nice 10, one per core by default, so
 * the machine is oversubscribed twice over, as a node running a batch job next to the cluster
 * daemon is. The hogs start before the daemons, so start-up and JIT warm-up happen under load.
 * By default the daemons run as the systemd unit runs them: the launcher's JVM flags and
 * round-robin realtime scheduling ({@code chrt -r 1}); {@code --wrapper ""} runs them in the
 * normal class, {@code --jvm-flags} replaces the flags.
 *
 * <p>Once both nodes see each other active the window opens: the daemons' counters and CPU time
 * are sampled, then again after {@code duration}. False deaths and status changes are read from
 * the daemons' own logs; the largest heartbeat gap and loop lateness from their metrics
 * ({@code http_api} on the namespace's loopback, read with curl). Every loop is bounded; the lab
 * (namespaces, daemons, hogs) is removed on every exit path.
 */
public final class StabilityBench {
  static final String PREFIX = "jhb-st-";
  static final int KEEPALIVE_MS = 50;
  static final int HTTP_PORT = 8694;
  /** What jheartbeat.service sets (CPUSchedulingPolicy=rr, priority 1), as a command for the bench. */
  static final List<String> PRODUCTION_SCHEDULING = List.of("chrt", "-r", "1");
  private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CMD_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

  /**
   * @param jvmFlags the daemons' JVM flags (the launcher's {@code JHEARTBEAT_DAEMON_JAVA_OPTS}),
   *     or empty for the launcher's own choice
   * @param wrapper a command that execs the daemon (e.g. {@code chrt -r 1}), or empty
   * @param logDir where the daemons' logs are saved at the end, or null
   */
  record Options(Duration duration, Optional<String> jvmFlags, List<String> wrapper, int hogsPerNode, Path logDir) {}

  private StabilityBench() {}

  static String haCf() {
    return String.join("\n",
        "keepalive " + KEEPALIVE_MS + "ms",
        "warntime 150ms",
        "deadtime 250ms",
        "initdead 10",
        "udpport 694",
        "bcast eth1",
        "auto_failback off",
        "node st1",
        "node st2",
        "http_api 127.0.0.1:" + HTTP_PORT,
        "");
  }

  /**
   * Runs the benchmark; progress lines go to {@code progress}. Where the wrapper cannot run (a
   * container without the right to realtime scheduling refuses {@code chrt}), the daemons run
   * without it and the report says so.
   */
  static StabilityReport run(Options options, PrintStream progress) throws InterruptedException {
    try (TwoNodeLab lab = new TwoNodeLab(PREFIX, false, false, 694); StallProbe probe = new StallProbe()) {
      Options o = permitted(lab, options, progress);
      List<JheartbeatNode> nodes = new ArrayList<>();
      try {
        for (Slot s : Slot.values()) {
          for (int i = 0; i < o.hogsPerNode(); i++) {
            lab.net().start(lab.ns(s), List.of("nice", "-n", "10", "sh", "-c", "while :; do :; done"),
                Path.of("/dev/null"));
          }
        }
        for (Slot s : Slot.values()) {
          String name = s == Slot.N1 ? "st1" : "st2";
          JheartbeatNode n = new JheartbeatNode(lab, s, name, haCf(), "auth 1\n1 sha1 stability-bench\n", "");
          o.jvmFlags().ifPresent(f -> n.environment("JHEARTBEAT_DAEMON_JAVA_OPTS", f));
          n.wrapper(o.wrapper());
          nodes.add(n);
        }
        nodes.forEach(JheartbeatNode::start);
        for (JheartbeatNode n : nodes) {
          n.awaitLog("Status update for node " + peer(n) + ": status active", ACTIVE_TIMEOUT);
        }
        progress.println("stability: both nodes active; measuring " + o.duration().toSeconds() + " s");
        return measure(lab, nodes, o, progress, probe);
      } finally {
        if (o.logDir() != null) {
          nodes.forEach(n -> n.saveLog(o.logDir()));
        }
        nodes.forEach(JheartbeatNode::close);
      }
    }
  }

  private static Options permitted(TwoNodeLab lab, Options o, PrintStream progress) {
    if (o.wrapper().isEmpty()) {
      return o;
    }
    List<String> argv = new ArrayList<>(o.wrapper());
    argv.add("true");
    if (lab.net().run(lab.ns(Slot.N1), CMD_TIMEOUT, argv.toArray(String[]::new)).exit() == 0) {
      return o;
    }
    progress.println("stability: WARNING: '" + String.join(" ", o.wrapper())
        + "' is not permitted here; the daemons run in the normal scheduling class");
    return new Options(o.duration(), o.jvmFlags(), List.of(), o.hogsPerNode(), o.logDir());
  }

  private static StabilityReport measure(TwoNodeLab lab, List<JheartbeatNode> nodes, Options o, PrintStream progress,
      StallProbe probe) throws InterruptedException {
    List<Sample> start = new ArrayList<>();
    for (JheartbeatNode n : nodes) {
      start.add(Sample.take(lab, n));
    }
    long end = System.nanoTime() + o.duration().toNanos();
    long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
    while (System.nanoTime() < end) {
      TimeUnit.NANOSECONDS.sleep(Math.min(end - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
      for (JheartbeatNode n : nodes) {
        if (!n.process().isAlive()) {
          throw new IllegalStateException(n.name() + ": daemon exited with " + n.process().exitValue());
        }
      }
      if (System.nanoTime() >= nextProgress) {
        nextProgress += PROGRESS_EVERY.toNanos();
        progress.println(progressLine(lab, nodes, start));
      }
    }
    List<StabilityReport.Node> figures = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JheartbeatNode n = nodes.get(i);
      Sample a = start.get(i);
      Sample b = Sample.take(lab, n);
      String p = peer(n);
      String node = "node=\"" + p + "\"";
      figures.add(new StabilityReport.Node(n.name(), p,
          b.count("node " + p + ": is dead") - a.count("node " + p + ": is dead"),
          b.count("Status update for node " + p) - a.count("Status update for node " + p),
          b.count("Late heartbeat") - a.count("Late heartbeat"),
          b.count("Late tick") - a.count("Late tick"),
          b.metrics().get("heartbeat_heartbeat_gap_max_seconds", node) * 1000,
          b.metrics().get("heartbeat_event_loop_lateness_max_seconds") * 1000,
          Math.round(b.metrics().get("heartbeat_heartbeats_received_total") - a.metrics().get("heartbeat_heartbeats_received_total")),
          (b.proc().sampledNanos() - a.proc().sampledNanos()) / TimeUnit.MILLISECONDS.toNanos(KEEPALIVE_MS),
          Math.round(b.metrics().get("heartbeat_packets_lost_total") - a.metrics().get("heartbeat_packets_lost_total")),
          b.proc().cpuPercentSince(a.proc()),
          b.proc().rssKib() / 1024.0,
          b.proc().hwmKib() / 1024.0));
    }
    String setup = String.format(Locale.ROOT,
        "keepalive %d ms, warntime 150 ms, deadtime 250 ms, 2 nodes, CPU hog %d busy loop(s) at nice 10 per node on %d core(s)",
        KEEPALIVE_MS, o.hogsPerNode(), Runtime.getRuntime().availableProcessors())
        + (o.wrapper().isEmpty() ? "" : ", daemons started through '" + String.join(" ", o.wrapper()) + "'");
    String flags = jvmFlags(ProcStats.commandLine(nodes.get(0).process().pid()));
    return new StabilityReport(Duration.ofNanos(end - startNanos(start)), setup, flags, figures,
        probe.maxOverrun().toNanos() / 1e6, probe.overrunsAbove100ms());
  }

  private static long startNanos(List<Sample> start) {
    return start.get(0).proc().sampledNanos();
  }

  private static String progressLine(TwoNodeLab lab, List<JheartbeatNode> nodes, List<Sample> start) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "stability: %5.1f min:",
        (System.nanoTime() - startNanos(start)) / 60e9));
    for (int i = 0; i < nodes.size(); i++) {
      JheartbeatNode n = nodes.get(i);
      PrometheusText m = Sample.metrics(lab, n);
      b.append(String.format(Locale.ROOT, " %s max gap %.0f ms, loop lateness %.0f ms, %d dead;", n.name(),
          m.get("heartbeat_heartbeat_gap_max_seconds", "node=\"" + peer(n) + "\"") * 1000,
          m.get("heartbeat_event_loop_lateness_max_seconds") * 1000,
          n.countLog("is dead") - start.get(i).count("is dead")));
    }
    return b.toString();
  }

  /** The JVM options of a {@code java ... -jar JAR ...} command line (between "java" and the main jar/class). */
  static String jvmFlags(String commandLine) {
    List<String> flags = new ArrayList<>();
    String[] words = commandLine.split(" ");
    for (int i = 1; i < words.length && !words[i].equals("-jar") && !words[i].equals("-cp"); i++) {
      if (!words[i].startsWith("-Djheartbeat.")) {
        flags.add(words[i]);
      }
    }
    return String.join(" ", flags);
  }

  static String peer(JheartbeatNode n) {
    return n.name().equals("st1") ? "st2" : "st1";
  }

  /** One node's state at one moment: its metrics, its process figures and its log. */
  private record Sample(PrometheusText metrics, ProcStats proc, String log) {
    static Sample take(TwoNodeLab lab, JheartbeatNode n) {
      return new Sample(metrics(lab, n), ProcStats.of(n.process().pid()), n.log());
    }

    static PrometheusText metrics(TwoNodeLab lab, JheartbeatNode n) {
      return PrometheusText.parse(lab.net().run(lab.ns(n.slot()), CMD_TIMEOUT, "curl", "-sf", "--max-time", "5",
          "http://127.0.0.1:" + HTTP_PORT + "/metrics").requireSuccess(n.name() + ": GET /metrics").stdout());
    }

    long count(String regex) {
      java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
      return log.lines().filter(l -> p.matcher(l).find()).count();
    }
  }

  /**
   * {@code bench/stability [--minutes M] [--jvm-flags FLAGS] [--wrapper CMD] [--hogs N] [--log-dir DIR]}: prints
   * the report; exit 0 without false deaths, 1 with, 2 on a usage or set-up error.
   */
  public static void main(String[] args) throws Exception {
    double minutes = 30;
    Optional<String> flags = Optional.empty();
    int hogs = Runtime.getRuntime().availableProcessors();
    Path logDir = null;
    List<String> wrapper = PRODUCTION_SCHEDULING;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--minutes" -> minutes = Double.parseDouble(args[++i]);
          case "--jvm-flags" -> flags = Optional.of(args[++i]);
          case "--hogs" -> hogs = Integer.parseInt(args[++i]);
          case "--log-dir" -> logDir = Path.of(args[++i]);
          case "--wrapper" -> {
            String w = args[++i].strip();
            wrapper = w.isEmpty() ? List.of() : List.of(w.split("\\s+"));
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (!(minutes > 0 && minutes <= 24 * 60) || hogs < 0 || hogs > 64) {
        throw new IllegalArgumentException("--minutes must be in (0, 1440] and --hogs in [0, 64]");
      }
    } catch (RuntimeException e) {
      System.err.println("bench/stability: " + e.getMessage()
          + "\nusage: bench/stability [--minutes M] [--jvm-flags FLAGS] [--wrapper CMD] [--hogs N] [--log-dir DIR]");
      System.exit(2);
    }
    StabilityReport r = run(new Options(Duration.ofMillis(Math.round(minutes * 60_000)), flags, wrapper, hogs, logDir),
        System.out);
    System.out.print(r.format());
    System.exit(r.falseDeaths() == 0 ? 0 : 1);
  }
}
