package org.jheartbeat.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code jheartbeat demo --netns} (root): the tutorial's topology in network namespaces. A
 * switch namespace {@code jhb-demo-sw} with bridges for the public (192.168.21.0/24) and
 * heartbeat (192.168.144.0/24) networks; nodes {@code jhb-demo-n1} / {@code jhb-demo-n2} (eth0
 * .11/.12, eth1 .128/.129) running {@code jheartbeat daemon} with the group
 * {@code IPaddr::192.168.21.100/24/eth0 httpd} (built-in IPaddr, lighttpd through an LSB script);
 * a client namespace {@code jhb-demo-cl} (.50) polling http://192.168.21.100/. The crash is a
 * power cut: every process of the node's namespace is killed and its switch ports go down.
 * Nothing is created in the root namespace; every namespace and the temporary directory are
 * removed at the end, also on Ctrl-C.
 */
public final class NetnsDemo {
  static final String PREFIX = "jhb-demo-";
  static final String VIP = "192.168.21.100";
  static final String LIGHTTPD = "/usr/sbin/lighttpd";
  private static final String SW = PREFIX + "sw";
  private static final String CLIENT = PREFIX + "cl";
  private static final String[][] NODES = {
      {"demo1", PREFIX + "n1", "192.168.21.11", "192.168.144.128"},
      {"demo2", PREFIX + "n2", "192.168.21.12", "192.168.144.129"}};

  private final DemoSettings settings;
  private final Terminal terminal;
  private final AtomicBoolean cleaned = new AtomicBoolean();
  private final List<String> namespaces = new ArrayList<>();
  private final List<DemoNode> nodes = new ArrayList<>();
  private Path dir;
  private Process client;
  private WebProbe probe;

  public NetnsDemo(DemoSettings settings) {
    this.settings = settings;
    this.terminal = new Terminal(settings.out(), settings.liveLine());
  }

  public int run() {
    if (!"root".equals(System.getProperty("user.name"))) {
      terminal.say("jheartbeat demo --netns needs root (network namespaces); 'jheartbeat demo' needs none");
      return 1;
    }
    if (!Files.isExecutable(Path.of(LIGHTTPD))) {
      terminal.say("jheartbeat demo --netns needs lighttpd (" + LIGHTTPD + "): apt-get install lighttpd");
      return 1;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
    Thread hook = new Thread(this::cleanup, "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      setUp();
      Scenario scenario = new Scenario(settings, terminal, probe, nodes, new Topology() {
        @Override
        public String crashText(DemoNode node) {
          return "power cut: kill -9 of every process in " + nsOf(node) + " (daemon " + node.pid()
              + ", lighttpd), its switch ports down";
        }

        @Override
        public void crash(DemoNode node) throws InterruptedException {
          killAll(nsOf(node));
          node.kill();
          ports(node, "down");
        }

        @Override
        public void revive(DemoNode node) {
          ports(node, "up");
        }
      }, deadline);
      scenario.run();
      Summary.print(terminal, probe.url(), scenario.steps());
      return 0;
    } catch (Scenario.Failed | IOException | RuntimeException e) {
      terminal.endLive();
      terminal.say("demo failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } finally {
      cleanup();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook has run cleanup
      }
    }
  }

  private static String nsOf(DemoNode node) {
    return node.name.equals(NODES[0][0]) ? NODES[0][1] : NODES[1][1];
  }

  private void setUp() throws IOException {
    List<String> existing = run("ip", "netns", "list").lines().map(l -> l.split(" ")[0])
        .filter(n -> List.of(SW, NODES[0][1], NODES[1][1], CLIENT).contains(n)).toList();
    if (existing.stream().anyMatch(ns -> !run("ip", "netns", "pids", ns).isBlank())) {
      throw new IOException("namespaces " + existing + " exist with processes in them: is another"
          + " 'jheartbeat demo --netns' running? (if not: ip netns delete each of them)");
    }
    for (String ns : existing) {
      terminal.say("removing " + ns + ", left empty by an earlier demo");
      run("ip", "netns", "delete", ns);
    }
    dir = Files.createTempDirectory("jhb-demo-");
    terminal.say("jheartbeat demo --netns: the tutorial's two nodes in network namespaces " + PREFIX + "*");
    namespace(SW);
    ip("-n", SW, "link", "add", "br-pub", "type", "bridge");
    ip("-n", SW, "link", "add", "br-hb", "type", "bridge");
    ip("-n", SW, "link", "set", "br-pub", "up");
    ip("-n", SW, "link", "set", "br-hb", "up");
    for (String[] n : NODES) {
      namespace(n[1]);
      connect(n[1], "eth0", "br-pub", n[2]);
      connect(n[1], "eth1", "br-hb", n[3]);
    }
    namespace(CLIENT);
    connect(CLIENT, "eth0", "br-pub", "192.168.21.50");
    terminal.say("  nodes     demo1 (" + NODES[0][1] + ": eth0 " + NODES[0][2] + ", eth1 " + NODES[0][3] + "), demo2 ("
        + NODES[1][1] + ": eth0 " + NODES[1][2] + ", eth1 " + NODES[1][3] + "); client " + CLIENT + " 192.168.21.50");
    terminal.say("  resource  IPaddr::" + VIP + "/24/eth0 httpd   (built-in IPaddr; lighttpd via resource.d/httpd)");
    terminal.say("  files     " + dir + (settings.keepLogs() ? " (kept: --keep-logs)" : " (removed at the end; --keep-logs keeps it)"));
    for (String[] n : NODES) {
      String peer = n == NODES[0] ? NODES[1][3] : NODES[0][3];
      DemoNode node = new DemoNode(n[0], n[2], dir.resolve(n[0]), List.of("ip", "netns", "exec", n[1]),
          List.of("--builtin-ipaddr"));
      node.configure("# jheartbeat demo --netns node\nkeepalive 200ms\ndeadtime 2\nwarntime 1\ninitdead 4\n"
              + "udpport 694\nucast eth1 " + peer + "\nauto_failback off\nnode demo1\nnode demo2\n",
          "demo1 IPaddr::" + VIP + "/24/eth0 httpd\n", "auth 1\n1 sha1 jheartbeat-demo-netns\n");
      installHttpd(node);
      terminal.say("  logs      " + n[0] + ": " + node.log() + "  (daemon output: " + node.console() + ")");
      nodes.add(node);
    }
    client = startClient();
    BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
    probe = new WebProbe(VIP, 80, terminal, () -> {
      String line;
      try {
        line = lines.readLine();
      } catch (IOException e) {
        line = null;
      }
      if (line == null) {
        Thread.sleep(WebProbe.INTERVAL_MS);
        return Optional.empty();
      }
      return line.startsWith("ok ") ? Optional.of(line.substring(3).strip()) : Optional.empty();
    });
  }

  /** The client: this program in the client namespace, printing one line per request. */
  private Process startClient() throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", CLIENT));
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), "org.jheartbeat.cli.Main", "demo", "--client", VIP + ":80",
        "--duration", Long.toString(settings.durationSeconds())));
    return new ProcessBuilder(cmd).redirectError(dir.resolve("client.err").toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE).start();
  }

  /** {@code demo --client ADDRESS:PORT}: ask every 30 ms, print "ok NODE" or "fail", until stdin closes or the bound. */
  public static int client(String target, long durationSeconds, PrintWriter out) {
    int colon = target.lastIndexOf(':');
    WebProbe asker = new WebProbe(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)),
        new Terminal(out, false));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
    AtomicBoolean parentGone = new AtomicBoolean();
    Thread watch = new Thread(() -> {
      try {
        while (System.in.read() >= 0) {
          // the demo never writes; end of input means it is gone
        }
      } catch (IOException e) {
        // as gone
      }
      parentGone.set(true);
    }, "client-stdin");
    watch.setDaemon(true);
    watch.start();
    try {
      while (!parentGone.get() && System.nanoTime() < end) {
        Optional<String> node = asker.askPaced();
        out.println(node.map(n -> "ok " + n).orElse("fail"));
        out.flush();
        if (out.checkError()) {
          return 0;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private void installHttpd(DemoNode node) throws IOException {
    Path base = Files.createDirectories(node.etc().resolve("httpd"));
    Files.createDirectories(base.resolve("www"));
    Files.writeString(base.resolve("www/index.html"), "<!doctype html>\n<html><head><title>" + node.name
        + "</title></head><body><h1>Served by " + node.name + " (lighttpd)</h1></body></html>\n");
    Files.writeString(base.resolve("lighttpd.conf"), String.join("\n",
        "server.document-root = var.CWD + \"/www\"",
        "server.pid-file = var.CWD + \"/lighttpd.pid\"",
        "server.errorlog = var.CWD + \"/error.log\"",
        "server.bind = \"0.0.0.0\"",
        "server.port = 80",
        "server.max-keep-alive-requests = 0",
        "index-file.names = ( \"index.html\" )",
        "mimetype.assign = ( \".html\" => \"text/html\" )", ""));
    Path script = Files.createDirectories(node.etc().resolve("resource.d")).resolve("httpd");
    Files.writeString(script, HTTPD_SCRIPT);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** An LSB script for lighttpd, its files beside it in ../httpd (status prints "running"). */
  static final String HTTPD_SCRIPT = String.join("\n",
      "#!/bin/sh",
      "# httpd - LSB init script of 'jheartbeat demo --netns': lighttpd serving a page naming the node.",
      "### BEGIN INIT INFO",
      "# Provides:          httpd",
      "# Short-Description: lighttpd for the jheartbeat demo",
      "### END INIT INFO",
      "base=$(cd \"$(dirname \"$0\")/../httpd\" && pwd) || exit 5",
      "pidfile=\"$base/lighttpd.pid\"",
      "live_pid() {",
      "  lp=$(cat \"$pidfile\" 2>/dev/null) || return 1",
      "  case \"$lp\" in ''|*[!0-9]*) return 1 ;; esac",
      "  [ \"$(cat \"/proc/$lp/comm\" 2>/dev/null)\" = lighttpd ] || return 1",
      "  grep -q '^State:.*Z' \"/proc/$lp/status\" 2>/dev/null && return 1",
      "  echo \"$lp\"",
      "}",
      "case \"$1\" in",
      "  start)",
      "    live_pid >/dev/null && exit 0",
      "    rm -f \"$pidfile\"",
      "    (cd \"$base\" && " + LIGHTTPD + " -f \"$base/lighttpd.conf\") >>\"$base/error.log\" 2>&1 </dev/null || exit 1",
      "    i=0; while [ $i -lt 50 ]; do live_pid >/dev/null && exit 0; sleep 0.1; i=$((i + 1)); done",
      "    exit 1 ;;",
      "  stop)",
      "    pid=$(live_pid) || { rm -f \"$pidfile\"; exit 0; }",
      "    kill -TERM \"$pid\"",
      "    i=0; while [ $i -lt 50 ] && live_pid >/dev/null; do sleep 0.1; i=$((i + 1)); done",
      "    live_pid >/dev/null && kill -KILL \"$pid\"",
      "    sleep 0.1; live_pid >/dev/null && exit 1",
      "    rm -f \"$pidfile\"; exit 0 ;;",
      "  status)",
      "    if live_pid >/dev/null; then echo 'httpd is running'; exit 0; fi",
      "    echo 'httpd is stopped'; exit 3 ;;",
      "  *) echo \"usage: $0 {start|stop|status}\" >&2; exit 2 ;;",
      "esac", "");

  private void namespace(String ns) throws IOException {
    ip("netns", "add", ns);
    namespaces.add(ns);
    ip("-n", ns, "link", "set", "lo", "up");
  }

  /** A veth pair: {@code ifname} with {@code address}/24 in {@code ns}, its peer a port of {@code bridge}. */
  private void connect(String ns, String ifname, String bridge, String address) throws IOException {
    String port = ns.substring(PREFIX.length()) + "-" + ifname;
    ip("-n", SW, "link", "add", port, "type", "veth", "peer", "name", ifname, "netns", ns);
    ip("-n", SW, "link", "set", port, "master", bridge);
    ip("-n", SW, "link", "set", port, "up");
    ip("-n", ns, "addr", "add", address + "/24", "brd", "+", "dev", ifname);
    ip("-n", ns, "link", "set", ifname, "up");
  }

  private void ports(DemoNode node, String state) {
    String id = nsOf(node).substring(PREFIX.length());
    for (String ifname : List.of("eth0", "eth1")) {
      try {
        ip("-n", SW, "link", "set", id + "-" + ifname, state);
      } catch (IOException e) {
        terminal.say("    (could not set " + id + "-" + ifname + " " + state + ": " + e.getMessage() + ")");
      }
    }
  }

  /** SIGKILL to every process in {@code ns} (bounded: a few rounds). */
  private static void killAll(String ns) {
    for (int round = 0; round < 5; round++) {
      List<Long> pids = run("ip", "netns", "pids", ns).lines().map(String::strip)
          .filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
      if (pids.isEmpty()) {
        return;
      }
      pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void ip(String... args) throws IOException {
    List<String> argv = new ArrayList<>(List.of("ip"));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", argv) + ": timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", argv) + ": " + out.strip());
    }
  }

  /** Runs a command, returning its output ("" on failure). */
  private static String run(String... argv) {
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out;
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Stops the daemons (gracefully, then every process of the namespaces), deletes the namespaces and files. Once. */
  void cleanup() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    if (client != null) {
      client.destroyForcibly();
    }
    if (probe != null) {
      probe.close();
    }
    terminal.endLive();
    nodes.parallelStream().forEach(n -> n.stop(5_000));
    for (String ns : namespaces) {
      killAll(ns);
      run("ip", "netns", "delete", ns);
    }
    if (dir != null && !settings.keepLogs()) {
      LoopbackDemo.deleteTree(dir);
    }
    if (dir != null) {
      terminal.say("Deleted the namespaces " + String.join(", ", namespaces) + (settings.keepLogs()
          ? "; logs and configuration kept in " + dir : " and " + dir));
    }
  }
}
