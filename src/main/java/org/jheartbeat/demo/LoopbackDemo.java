package org.jheartbeat.demo;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * {@code jheartbeat demo} without root: two real daemons on loopback, demo1 on 127.0.0.11 and
 * demo2 on 127.0.0.12 (ucast to each other on a free high udpport, each receiving on its own
 * address with {@code --bind-address}), keepalive 200 ms and deadtime 2 s; their resource group
 * is the built-in web resource {@code jhbweb::127.0.0.100::PORT}, served from inside the
 * daemon that holds it. Everything lives in one temporary directory, removed at the end (also
 * on Ctrl-C, by a shutdown hook that kills the daemons by pid) unless {@code --keep-logs}.
 */
public final class LoopbackDemo {
  static final String VIP = "127.0.0.100";
  static final int PREFERRED_WEB_PORT = 8099;
  private static final String[][] NODES = {{"demo1", "127.0.0.11"}, {"demo2", "127.0.0.12"}};

  private final DemoSettings settings;
  private final Terminal terminal;
  private final AtomicBoolean cleaned = new AtomicBoolean();
  private Path dir;
  private List<DemoNode> nodes = List.of();
  private WebProbe probe;

  public LoopbackDemo(DemoSettings settings) {
    this.settings = settings;
    this.terminal = new Terminal(settings.out(), settings.liveLine());
  }

  /** Runs the demo; returns the exit status (0 when every step worked). */
  public int run() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
    Thread hook = new Thread(this::cleanup, "demo-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      setUp();
      Scenario scenario = new Scenario(settings, terminal, probe, nodes, new Topology() {
        @Override
        public String crashText(DemoNode node) {
          return "kill -9 " + node.pid() + " (its daemon, and the web server inside it)";
        }

        @Override
        public void crash(DemoNode node) throws InterruptedException {
          node.kill();
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
        // already shutting down: the hook runs cleanup, which is done
      }
    }
  }

  private void setUp() throws IOException {
    dir = Files.createTempDirectory("jhb-demo-");
    int udpPort = freeUdpPort();
    int webPort = webPort();
    String web = "jhbweb::" + VIP + "::" + webPort;
    terminal.say("jheartbeat demo: a two-node cluster of real daemons on loopback, no root needed");
    terminal.say("  nodes     demo1 127.0.0.11, demo2 127.0.0.12 (ucast, udpport " + udpPort
        + ", keepalive 200ms, deadtime 2s, auto_failback off)");
    terminal.say("  resource  " + web + "  (built-in web server: http://" + VIP + ":" + webPort + "/)");
    terminal.say("  files     " + dir + (settings.keepLogs() ? " (kept: --keep-logs)" : " (removed at the end; --keep-logs keeps it)"));
    nodes = new java.util.ArrayList<>();
    for (String[] n : NODES) {
      String peer = n[0].equals(NODES[0][0]) ? NODES[1][1] : NODES[0][1];
      DemoNode node = new DemoNode(n[0], n[1], dir.resolve(n[0]), List.of(), List.of("--bind-address", n[1]));
      node.configure(haCf(peer, udpPort), NODES[0][0] + " " + web + "\n", "auth 1\n1 sha1 jheartbeat-demo-" + udpPort + "\n");
      terminal.say("  logs      " + n[0] + ": " + node.log() + "  (daemon output: " + node.console() + ")");
      nodes.add(node);
    }
    probe = new WebProbe(VIP, webPort, terminal);
  }

  static String haCf(String peer, int udpPort) {
    return "# jheartbeat demo node (written by 'jheartbeat demo')\n"
        + "keepalive 200ms\ndeadtime 2\nwarntime 1\ninitdead 4\n"
        + "udpport " + udpPort + "\nucast lo " + peer + "\n"
        + "auto_failback off\nnode demo1\nnode demo2\n";
  }

  /** A UDP port free on both nodes' addresses. */
  private static int freeUdpPort() throws IOException {
    for (int attempt = 0; attempt < 20; attempt++) {
      int port;
      try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(NODES[0][1]), 0))) {
        port = a.getLocalPort();
        try (DatagramSocket b = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(NODES[1][1]), port))) {
          return port;
        } catch (IOException e) {
          // taken on the other address: try another
        }
      }
    }
    throw new IOException("no free UDP port on " + NODES[0][1] + " and " + NODES[1][1]);
  }

  /** 8099 when free on the floating address, else any free port. */
  private static int webPort() throws IOException {
    InetAddress vip = InetAddress.getByName(VIP);
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(vip, PREFERRED_WEB_PORT));
      return PREFERRED_WEB_PORT;
    } catch (IOException e) {
      try (ServerSocket s = new ServerSocket()) {
        s.bind(new InetSocketAddress(vip, 0));
        return s.getLocalPort();
      }
    }
  }

  /** Stops the client and the daemons (gracefully, then by SIGKILL), removes the directory. Once. */
  void cleanup() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    if (probe != null) {
      probe.close();
    }
    terminal.endLive();
    nodes.parallelStream().forEach(n -> n.stop(5_000));
    if (dir != null && !settings.keepLogs()) {
      deleteTree(dir);
    }
    if (dir != null) {
      terminal.say(settings.keepLogs() ? "Logs and configuration kept in " + dir
          : "Stopped both daemons and removed " + dir);
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: reported below if the directory survives
        }
      });
    } catch (IOException e) {
      // nothing to walk
    }
  }
}
