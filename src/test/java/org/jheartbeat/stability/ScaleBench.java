package org.jheartbeat.stability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jheartbeat.testkit.Netns;

/**
 * Scale over real UDP (issue 7): {@code nodes} jheartbeat daemons, one JVM each with its own
 * sockets and event loop, in namespaces {@value #PREFIX}01... plugged into one bridge inside the
 * switch namespace {@value #PREFIX}sw (10.66.0.0/24, {@code brd +}), broadcasting at keepalive
 * 200 ms, warntime 1 s, deadtime 2 s (or {@code --deadtime}). Once every node sees every other active, the window opens;
 * after {@code duration} it reports false deaths ("is dead" lines), CPU per node (from
 * {@code /proc}), RSS, heartbeats received per second (the daemons' metrics) and packets per
 * second on each node's interface. Everything runs in the namespaces it creates, and is removed
 * (processes by namespace, namespaces, files) on every exit path.
 */
public final class ScaleBench {
  static final String PREFIX = "jhb-sc-";
  private static final int HTTP_PORT = 8694;
  private static final Duration CMD_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(6);
  private static final Duration QUIET = Duration.ofSeconds(30);
  /** Starts are spread so that 32 JVMs do not JIT-compile all at once. */
  private static final java.util.regex.Pattern STATUS_UPDATE =
      java.util.regex.Pattern.compile("Status update for node (\\S+): status (\\S+)");
  private static final Duration START_SPACING = Duration.ofMillis(1500);
  /** How much longer than the deadtime {@code --stall} stops daemons. */
  private static final Duration STALL_BEYOND_DEADTIME = Duration.ofSeconds(3);

  private ScaleBench() {}

  record Node(String name, String ns, Path dir, Process process) {}

  static String haCf(int nodes, int deadtime) {
    StringBuilder b = new StringBuilder(String.join("\n", "keepalive 200ms", "warntime 1", "deadtime " + deadtime,
        "initdead 90", "udpport 694", "bcast eth0", "auto_failback off", "http_api 127.0.0.1:" + HTTP_PORT, ""));
    for (int i = 1; i <= nodes; i++) {
      b.append("node ").append(name(i)).append('\n');
    }
    return b.toString();
  }

  static String name(int i) {
    return String.format("sc%02d", i);
  }

  static String run(int count, int deadtime, Duration duration, int stall, java.io.PrintStream progress) throws Exception {
    Path home = Path.of(System.getProperty("jheartbeat.home", ".")).toAbsolutePath().normalize();
    Path base = Files.createTempDirectory("jhb-sc-");
    List<Node> nodes = new ArrayList<>();
    try (Netns net = new Netns(PREFIX)) {
      String sw = net.create(PREFIX + "sw");
      net.bridge(sw, "br0");
      for (int i = 1; i <= count; i++) {
        String ns = net.create(PREFIX + String.format("%02d", i));
        net.connect(sw, "br0", ns, "eth0", "10.66.0." + i + "/24");
      }
      long t0 = System.nanoTime();
      for (int i = 1; i <= count; i++) {
        nodes.add(start(net, home, base, i, count, deadtime));
        TimeUnit.MILLISECONDS.sleep(START_SPACING.toMillis());
      }
      progress.printf("scale: %d daemons started in %.1f s; waiting until each sees all others active%n",
          count, (System.nanoTime() - t0) / 1e9);
      String settled = awaitSettled(nodes, count, "the last start", 0);
      progress.printf("scale: %s; measuring %d s%n", settled, duration.toSeconds());
      List<Sample> before = sample(net, nodes);
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end) {
        TimeUnit.NANOSECONDS.sleep(Math.min(end - System.nanoTime(), TimeUnit.SECONDS.toNanos(2)));
        for (Node n : nodes) {
          if (!n.process().isAlive()) {
            throw new IllegalStateException(n.name() + ": daemon exited with " + n.process().exitValue());
          }
        }
      }
      List<Sample> after = sample(net, nodes);
      String result = "start-up: " + settled + "\n" + report(nodes, before, after, count, deadtime);
      if (stall > 0) {
        result += stallAndRecover(net, nodes, count, deadtime, stall, progress);
      }
      return result;
    } finally {
      try (Stream<Path> walk = Files.walk(base)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * The storm's trigger: the JVMs of the first {@code stall} nodes are stopped (SIGSTOP) for
   * the deadtime and {@link #STALL_BEYOND_DEADTIME} more (so the others declare them dead, and
   * their receive buffers overflow), then continued. Reports how long the whole cluster took to settle again,
   * the deaths meanwhile, and the traffic of the recovery window. A cluster that cannot absorb
   * mass deaths, returns and loss never settles (that is the result then).
   */
  private static String stallAndRecover(Netns net, List<Node> nodes, int count, int deadtime, int stall,
      java.io.PrintStream progress) throws Exception {
    List<Sample> before = sample(net, nodes);
    Duration pause = Duration.ofSeconds(deadtime).plus(STALL_BEYOND_DEADTIME);
    progress.printf("scale: stopping %d daemon(s) for %d s%n", stall, pause.toSeconds());
    List<Node> stalled = nodes.subList(0, Math.min(stall, nodes.size()));
    try {
      signal(stalled, "STOP");
      TimeUnit.MILLISECONDS.sleep(pause.toMillis());
    } finally {
      signal(stalled, "CONT");
    }
    String settled = awaitSettled(nodes, count, "the stall ended",
        before.stream().mapToLong(Sample::deaths).sum());
    progress.printf("scale: %s%n", settled);
    List<Sample> after = sample(net, nodes);
    return String.format(Locale.ROOT, "after stopping %d daemon(s) for %d s: %s%n", stalled.size(),
        pause.toSeconds(), settled) + report(nodes, before, after, count, deadtime)
        .replace("false deaths:", "deaths (stall and recovery):").lines()
        .filter(l -> !l.startsWith("RESULT") && !l.startsWith("WARNING")).map(l -> l + "\n")
        .collect(java.util.stream.Collectors.joining());
  }

  private static void signal(List<Node> nodes, String signal) throws IOException, InterruptedException {
    for (Node n : nodes) {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(n.process().pid()))
          .redirectErrorStream(true).start();
      if (!kill.waitFor(CMD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    }
  }

  private static Node start(Netns net, Path home, Path base, int i, int count, int deadtime) {
    String name = name(i);
    String ns = PREFIX + String.format("%02d", i);
    try {
      Path dir = Files.createDirectories(base.resolve(name));
      Path etc = Files.createDirectories(dir.resolve("etc-ha.d"));
      Files.writeString(etc.resolve("ha.cf"), haCf(count, deadtime));
      Path keys = Files.writeString(etc.resolve("authkeys"), "auth 1\n1 sha1 scale-bench\n");
      Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(etc.resolve("haresources"), "");
      for (String d : List.of("var-lib-hb", "run", "var-log")) {
        Files.createDirectories(dir.resolve(d));
      }
      Process p = net.start(ns, List.of(home.resolve("bin/jheartbeat").toString(), "daemon",
          "--config-dir", etc.toString(), "--node", name, "--state-dir", dir.resolve("var-lib-hb").toString(),
          "--run-dir", dir.resolve("run").toString(), "--logfile", dir.resolve("var-log/ha-log").toString()),
          dir.resolve("daemon.out"));
      return new Node(name, ns, dir, p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String log(Node n) {
    try {
      Path f = n.dir().resolve("var-log/ha-log");
      return Files.exists(f) ? Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Waits until, in every node's log, the last status logged for each other node is active and
   * no node has logged a death for {@link #QUIET}; gives up after {@link #SETTLE_TIMEOUT} and
   * measures anyway (an overloaded machine may never be quiet: that is a result too). Returns
   * what happened, timed from the call ({@code since} names that moment), with the deaths logged
   * since the logs held {@code deathsBefore}.
   */
  private static String awaitSettled(List<Node> nodes, int count, String since, long deathsBefore)
      throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + SETTLE_TIMEOUT.toNanos();
    long lastDeaths = -1;
    long quietSince = start;
    while (System.nanoTime() < deadline) {
      boolean all = true;
      long deaths = 0;
      for (Node n : nodes) {
        if (!n.process().isAlive()) {
          throw new IllegalStateException(n.name() + ": daemon exited with " + n.process().exitValue());
        }
        String log = log(n);
        java.util.Map<String, String> last = new java.util.HashMap<>();
        log.lines().map(STATUS_UPDATE::matcher).filter(java.util.regex.Matcher::find)
            .forEach(m -> last.put(m.group(1), m.group(2)));
        all &= last.values().stream().filter("active"::equals).count() >= count - 1;
        deaths += log.lines().filter(l -> l.contains("is dead")).count();
      }
      if (deaths != lastDeaths) {
        lastDeaths = deaths;
        quietSince = System.nanoTime();
      }
      if (all && System.nanoTime() - quietSince >= QUIET.toNanos()) {
        return String.format(Locale.ROOT, "settled (all active, no death for %d s) %.0f s after %s"
            + " (%d deaths meanwhile)", QUIET.toSeconds(), (System.nanoTime() - start) / 1e9, since, deaths - deathsBefore);
      }
      TimeUnit.SECONDS.sleep(2);
    }
    return String.format(Locale.ROOT, "NOT settled within %d s after %s (%d deaths meanwhile): measuring anyway",
        SETTLE_TIMEOUT.toSeconds(), since, lastDeaths - deathsBefore);
  }

  private record Sample(PrometheusText metrics, ProcStats proc, long deaths, long rxPackets, long txPackets) {}

  private static List<Sample> sample(Netns net, List<Node> nodes) {
    List<Sample> samples = new ArrayList<>();
    for (Node n : nodes) {
      // A daemon too busy to answer within 10 s leaves its metrics out (counted as unanswered).
      Netns.Result got = net.run(n.ns(), CMD_TIMEOUT, "curl", "-sf", "--max-time", "10",
          "http://127.0.0.1:" + HTTP_PORT + "/metrics");
      PrometheusText m = PrometheusText.parse(got.exit() == 0 ? got.stdout() : "");
      String[] counters = net.run(n.ns(), CMD_TIMEOUT, "cat", "/sys/class/net/eth0/statistics/rx_packets",
          "/sys/class/net/eth0/statistics/tx_packets").requireSuccess(n.name() + ": packet counters").stdout()
          .strip().split("\\s+");
      samples.add(new Sample(m, ProcStats.of(n.process().pid()),
          log(n).lines().filter(l -> l.contains("is dead")).count(),
          Long.parseLong(counters[0]), Long.parseLong(counters[1])));
    }
    return samples;
  }

  private static String report(List<Node> nodes, List<Sample> before, List<Sample> after, int count, int deadtime) {
    double seconds = (after.get(0).proc().sampledNanos() - before.get(0).proc().sampledNanos()) / 1e9;
    long deaths = 0;
    double cpuSum = 0;
    double cpuMax = 0;
    double rssSum = 0;
    double rssMax = 0;
    double hbRate = 0;
    double rxRate = 0;
    double txRate = 0;
    double foreignControlRate = 0;
    double shedRate = 0;
    double requestRate = 0;
    double resentRate = 0;
    long lost = 0;
    int answered = 0;
    for (int i = 0; i < nodes.size(); i++) {
      Sample a = before.get(i);
      Sample b = after.get(i);
      // each node's own window: its samples were taken one after another, some seconds apart
      double nodeSeconds = (b.proc().sampledNanos() - a.proc().sampledNanos()) / 1e9;
      boolean metrics = a.metrics().has("heartbeat_heartbeats_received_total")
          && b.metrics().has("heartbeat_heartbeats_received_total");
      deaths += b.deaths() - a.deaths();
      double cpu = b.proc().cpuPercentSince(a.proc());
      cpuSum += cpu;
      cpuMax = Math.max(cpuMax, cpu);
      rssSum += b.proc().rssKib() / 1024.0;
      rssMax = Math.max(rssMax, b.proc().rssKib() / 1024.0);
      if (metrics) {
        answered++;
        hbRate += (b.metrics().get("heartbeat_heartbeats_received_total")
            - a.metrics().get("heartbeat_heartbeats_received_total")) / nodeSeconds;
        foreignControlRate += (b.metrics().get("heartbeat_packets_foreign_control_total")
            - a.metrics().get("heartbeat_packets_foreign_control_total")) / nodeSeconds;
        shedRate += rate(a, b, "heartbeat_packets_shed_total", nodeSeconds);
        requestRate += rate(a, b, "heartbeat_packets_rexmit_requested_total", nodeSeconds);
        resentRate += rate(a, b, "heartbeat_packets_retransmitted_total", nodeSeconds);
        lost += Math.round(b.metrics().get("heartbeat_packets_lost_total")
            - a.metrics().get("heartbeat_packets_lost_total"));
      }
      rxRate += (b.rxPackets() - a.rxPackets()) / nodeSeconds;
      txRate += (b.txPackets() - a.txPackets()) / nodeSeconds;
    }
    int n = nodes.size();
    StringBuilder r = new StringBuilder();
    r.append(String.format(Locale.ROOT, "jheartbeat scale: %d nodes (one JVM each) over UDP broadcast in namespaces,"
        + " keepalive 200 ms, warntime 1 s, deadtime %d s, measured %.1f min on %d core(s)%n",
        count, deadtime, seconds / 60, Runtime.getRuntime().availableProcessors()));
    r.append(String.format(Locale.ROOT, "false deaths: %d%n", deaths));
    r.append(String.format(Locale.ROOT, "CPU per node: mean %.2f %% of a core, max %.2f %%; all nodes %.1f %%%n",
        cpuSum / n, cpuMax, cpuSum));
    r.append(String.format(Locale.ROOT, "RSS per node: mean %.1f MiB, max %.1f MiB; all nodes %.0f MiB%n",
        rssSum / n, rssMax, rssSum));
    r.append(String.format(Locale.ROOT, "heartbeats received per node: %.1f/s (expected %d x 5 = %d/s); lost packets %d"
        + " (metrics of %d of %d nodes: the others did not answer /metrics within 10 s)%n",
        answered == 0 ? 0 : hbRate / answered, count - 1, (count - 1) * 5, lost, answered, n));
    r.append(String.format(Locale.ROOT, "packets per node: %.0f/s received, %.1f/s sent; whole segment %.0f/s sent%n",
        rxRate / n, txRate / n, txRate));
    r.append(String.format(Locale.ROOT, "other nodes' ACKs/rexmit requests/NAKs dropped before authentication: %.0f/s per node%n",
        answered == 0 ? 0 : foreignControlRate / answered));
    r.append(String.format(Locale.ROOT, "per node: %.1f/s retransmission requests, %.1f/s retransmissions,"
        + " %.1f/s received packets shed (event loop too far behind)%n", answered == 0 ? 0 : requestRate / answered,
        answered == 0 ? 0 : resentRate / answered, answered == 0 ? 0 : shedRate / answered));
    r.append(deaths == 0 ? "RESULT: no false death\n" : "WARNING: " + deaths + " FALSE DEATH(S)\n");
    return r.toString();
  }

  private static double rate(Sample a, Sample b, String counter, double seconds) {
    return (b.metrics().get(counter) - a.metrics().get(counter)) / seconds;
  }

  /** {@code bench/scale [--nodes N] [--minutes M] [--deadtime S] [--stall K]}: prints the report; exit 0 without false deaths, 1 with, 2 on errors. */
  public static void main(String[] args) throws Exception {
    int nodes = 32;
    double minutes = 5;
    int deadtime = 2;
    int stall = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--nodes" -> nodes = Integer.parseInt(args[++i]);
          case "--minutes" -> minutes = Double.parseDouble(args[++i]);
          case "--deadtime" -> deadtime = Integer.parseInt(args[++i]);
          case "--stall" -> stall = Integer.parseInt(args[++i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (nodes < 2 || nodes > 200 || !(minutes > 0 && minutes <= 24 * 60) || deadtime < 2 || deadtime > 60
          || stall < 0 || stall >= nodes) {
        throw new IllegalArgumentException("--nodes must be 2..200, --minutes in (0, 1440], --deadtime 2..60,"
            + " --stall 0..nodes-1");
      }
    } catch (RuntimeException e) {
      System.err.println("bench/scale: " + e.getMessage() + "\nusage: bench/scale [--nodes N] [--minutes M] [--deadtime S] [--stall K]");
      System.exit(2);
    }
    String report = run(nodes, deadtime, Duration.ofMillis(Math.round(minutes * 60_000)), stall, System.out);
    System.out.print(report);
    System.exit(report.contains("RESULT: no false death") ? 0 : 1);
  }
}
