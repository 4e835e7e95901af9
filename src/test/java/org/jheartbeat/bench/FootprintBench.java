package org.jheartbeat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jheartbeat.e2e.ClusterNode;
import org.jheartbeat.e2e.NodeKind;
import org.jheartbeat.e2e.TutorialPair;
import org.jheartbeat.e2e.TwoNodeLab;
import org.jheartbeat.e2e.Walkthrough;
import org.jheartbeat.testkit.Netns;

/**
 * {@code bench/footprint}: memory and CPU of each node, the real Heartbeat 3.0.6 and jheartbeat
 * side by side in the same run. For each keepalive (1 s, then 100 ms) two tutorial clusters run
 * at once, one of each daemon, in their own namespaces ({@value #REAL_PREFIX}*,
 * {@value #OURS_PREFIX}*) with the same ha.cf and haresources (the VIP and lighttpd on orasrv1).
 * Once both are up and a warm-up has passed, every process of a node's network namespace except
 * the resources' lighttpd and the test's mount holder is sampled at the start and at the end of a
 * fixed window: CPU is the ticks spent in the window as a percentage of one core; RSS (summed
 * over the processes, so shared pages count once per process) and PSS (shared pages divided)
 * are read at the end. Prints one table and writes it to {@code --out}/footprint.md.
 */
public final class FootprintBench {
  static final String REAL_PREFIX = "jhb-bf-pr";
  static final String OURS_PREFIX = "jhb-bf-pj";
  /** Processes in a node's namespace that are not the daemon: the web resource and the holder of the real node's mounts. */
  static final Set<String> NOT_THE_DAEMON = Set.of("lighttpd", "sleep");

  record Options(Duration window, Duration warmup, Path out) {
    static final String USAGE = String.join("\n",
        "usage: bench/footprint [--window SECONDS] [--warmup SECONDS] [--out DIR]",
        "defaults: --window 60 --warmup 30 --out target/bench/footprint");

    static Options parse(String[] args) {
      Duration window = Duration.ofSeconds(60);
      Duration warmup = Duration.ofSeconds(30);
      Path out = Path.of("target", "bench", "footprint");
      for (Map.Entry<String, String> option : BenchArgs.pairs(args)) {
        String a = option.getKey();
        String v = option.getValue();
        switch (a) {
          case "--window" -> window = Duration.ofSeconds(seconds(a, v, 1));
          case "--warmup" -> warmup = Duration.ofSeconds(seconds(a, v, 0));
          case "--out" -> out = Path.of(v);
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return new Options(window, warmup, out);
    }

    private static long seconds(String option, String v, long min) {
      try {
        long n = Long.parseLong(v);
        if (n >= min && n <= 3600) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " needs whole seconds from " + min + " to 3600: " + v);
    }
  }

  /** One node's figures over the window. */
  record NodeFootprint(String keepalive, String daemon, String node, int processes, long rssKb, long pssKb,
      double cpuPercent) {
    String row() {
      return String.format(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f | %.2f |", keepalive, daemon, node,
          processes, rssKb / 1024.0, pssKb / 1024.0, cpuPercent);
    }
  }

  static final TimingProfile ONE_SECOND = new TimingProfile("1s", "1", "10", "5", "12", "", Duration.ofSeconds(1),
      Duration.ofSeconds(10));

  public static void main(String[] args) {
    Options o = BenchArgs.parseOrExit("bench/footprint", Options.USAGE, args, Options::parse);
    List<NodeFootprint> rows = new ArrayList<>();
    for (TimingProfile timing : List.of(ONE_SECOND, TimingProfile.FAST)) {
      rows.addAll(measure(timing, o));
    }
    StringBuilder md = new StringBuilder(
        "| keepalive | daemon | node | processes | RSS MB (sum) | PSS MB | CPU % of one core |\n"
            + "|---|---|---|---|---|---|---|\n");
    rows.forEach(r -> md.append(r.row()).append('\n'));
    System.out.println();
    System.out.println("Footprint per node over " + o.window().toSeconds() + " s after " + o.warmup().toSeconds()
        + " s of warm-up (" + ticksPerSecond() + " clock ticks per second):");
    System.out.print(md);
    try {
      Files.createDirectories(o.out());
      Files.writeString(o.out().resolve("footprint.md"), md.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.exit(0);
  }

  /** Both clusters at one timing, measured over the same window. */
  static List<NodeFootprint> measure(TimingProfile timing, Options o) {
    List<AutoCloseable> open = new ArrayList<>();
    Thread hook = new Thread(() -> closeAll(open), "footprint-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      List<ClusterNode> nodes = new ArrayList<>();
      Map<ClusterNode, String> daemonOf = new HashMap<>();
      Map<ClusterNode, String> nsOf = new HashMap<>();
      for (NodeKind kind : List.of(NodeKind.REAL, NodeKind.JHEARTBEAT)) {
        TwoNodeLab lab = new TwoNodeLab(kind == NodeKind.REAL ? REAL_PREFIX : OURS_PREFIX, true, false, 694);
        open.add(lab);
        TutorialPair pair = TutorialPair.create(lab, kind, kind, BenchLab.haCf(timing), Walkthrough.HARESOURCES);
        open.add(0, pair);
        for (ClusterNode n : pair.nodes()) {
          nodes.add(n);
          daemonOf.put(n, kind == NodeKind.REAL ? Measurement.Daemon.REAL.label() : Measurement.Daemon.JHEARTBEAT.label());
          nsOf.put(n, lab.ns(n.slot()));
        }
      }
      say("starting both clusters at keepalive " + timing.keepalive());
      nodes.forEach(ClusterNode::start);
      BenchLab.awaitPeersActive(nodes, Duration.ofSeconds(Long.parseLong(timing.initdead()) + 60));
      say("all four nodes active; warm-up " + o.warmup().toSeconds() + " s");
      BenchLab.sleep(o.warmup());
      Map<ClusterNode, Map<Long, ProcSample>> before = new HashMap<>();
      nodes.forEach(n -> before.put(n, sample(nsOf.get(n))));
      long t0 = System.nanoTime();
      say("measuring " + o.window().toSeconds() + " s");
      BenchLab.sleep(o.window());
      double seconds = (System.nanoTime() - t0) / 1e9;
      List<NodeFootprint> rows = new ArrayList<>();
      for (ClusterNode n : nodes) {
        Map<Long, ProcSample> end = sample(nsOf.get(n));
        long ticks = 0;
        for (ProcSample p : end.values()) {
          ProcSample b = before.get(n).get(p.pid());
          ticks += p.cpuTicks() - (b == null ? 0 : b.cpuTicks());
        }
        rows.add(new NodeFootprint(timing.keepalive(), daemonOf.get(n), n.name(), end.size(),
            end.values().stream().mapToLong(ProcSample::rssKb).sum(),
            end.values().stream().mapToLong(ProcSample::pssKb).sum(),
            100.0 * ticks / ticksPerSecond() / seconds));
        n.saveLog(o.out().resolve(timing.name() + "-" + (daemonOf.get(n).startsWith("jh") ? "jheartbeat" : "real")));
      }
      rows.forEach(r -> say(r.row()));
      return rows;
    } finally {
      closeAll(open);
      Runtime.getRuntime().removeShutdownHook(hook);
    }
  }

  /** The daemon's processes in namespace {@code ns}, by PID. */
  static Map<Long, ProcSample> sample(String ns) {
    Map<Long, ProcSample> m = new HashMap<>();
    Netns.exec(List.of("ip", "netns", "pids", ns), Duration.ofSeconds(10)).stdout().lines().map(String::strip)
        .filter(s -> s.matches("\\d+")).map(Long::parseLong)
        .forEach(pid -> ProcSample.read(pid).filter(p -> !NOT_THE_DAEMON.contains(p.comm()))
            .ifPresent(p -> m.put(pid, p)));
    return m;
  }

  private static long ticksPerSecond() {
    String out = Netns.exec(List.of("getconf", "CLK_TCK"), Duration.ofSeconds(5)).stdout().strip();
    return out.matches("\\d+") ? Long.parseLong(out) : 100;
  }

  private static synchronized void closeAll(List<AutoCloseable> open) {
    for (AutoCloseable c : List.copyOf(open)) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("bench/footprint: close failed: " + e);
      }
    }
    open.clear();
  }

  private static void say(String what) {
    System.out.println("[footprint " + java.time.LocalTime.now().withNano(0) + "] " + what);
  }
}
