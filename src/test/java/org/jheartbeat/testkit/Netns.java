package org.jheartbeat.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for privileged tests (HOUSE-STYLE testing §5, NAMESPACE-NOTES.md): every
 * namespace is named with this instance's prefix (which must start with {@code jhb-}), nodes hang
 * off bridges in a switch namespace through veth pairs created <i>inside</i> the switch namespace
 * with the peer placed straight into the node namespace, and addresses are added with
 * {@code brd +}. Nothing is created in the root namespace. Every external command runs with a
 * timeout. {@link #close()} kills the processes started here (and their descendants), then every
 * process left in our namespaces, then deletes the namespaces; it is idempotent. The constructor
 * first removes leftovers with the same prefix from an earlier crashed run, so use a prefix that
 * no other concurrently running test uses.
 *
 * <pre>{@code
 * try (Netns net = new Netns("jhb-t")) {
 *   String sw = net.create("jhb-tsw"), n1 = net.create("jhb-t1");
 *   net.bridge(sw, "br-hb");
 *   net.connect(sw, "br-hb", n1, "eth1", "192.168.144.1/24");
 *   net.run(n1, Duration.ofSeconds(5), "ping", "-c1", "192.168.144.2");
 * }
 * }</pre>
 */
public final class Netns implements AutoCloseable {
  private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

  private final String prefix;
  private final Set<String> namespaces = new LinkedHashSet<>();
  // synchronized: tests may start two nodes from two threads at once
  private final List<Process> processes = java.util.Collections.synchronizedList(new ArrayList<>());
  private boolean closed;

  /** The output of a finished command. */
  public record Result(int exit, String stdout, String stderr) {
    public Result requireSuccess(String what) {
      if (exit != 0) {
        throw new IllegalStateException(what + " failed (exit " + exit + "): " + stderr.strip());
      }
      return this;
    }
  }

  /** Whether namespace tests can run here: root and {@code ip} on the PATH. */
  public static boolean usable() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return false;
    }
    try {
      return exec(List.of("ip", "netns", "list"), Duration.ofSeconds(5)).exit() == 0;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /** A helper owning namespaces named {@code prefix*}; removes leftovers of that prefix. */
  public Netns(String prefix) {
    if (!prefix.startsWith("jhb-") || prefix.length() < 5) {
      throw new IllegalArgumentException("namespace prefix must start with jhb- and add something: " + prefix);
    }
    this.prefix = prefix;
    for (String ns : list()) {
      if (ns.startsWith(prefix)) {
        destroy(ns);
      }
    }
  }

  /** The namespaces that exist now (all of them, not only ours). */
  public static List<String> list() {
    Result r = exec(List.of("ip", "netns", "list"), IP_TIMEOUT);
    return r.stdout().lines().map(l -> l.split("\\s+")[0]).filter(s -> !s.isEmpty()).toList();
  }

  /** Creates namespace {@code name} (which must carry our prefix) with {@code lo} up. */
  public String create(String name) {
    requireOpen();
    if (!name.startsWith(prefix)) {
      throw new IllegalArgumentException(name + " does not start with " + prefix);
    }
    ip("netns", "add", name);
    namespaces.add(name);
    ip("-n", name, "link", "set", "lo", "up");
    return name;
  }

  /** Creates an up bridge {@code bridge} inside {@code switchNs}. */
  public void bridge(String switchNs, String bridge) {
    requireOwn(switchNs);
    ip("-n", switchNs, "link", "add", bridge, "type", "bridge");
    ip("-n", switchNs, "link", "set", bridge, "up");
  }

  /**
   * Plugs {@code nodeNs} into {@code bridge}: a veth pair made in {@code switchNs} whose switch
   * end (returned; named {@code <node suffix>-<ifname>}, at most 15 characters) joins the bridge
   * and whose other end appears in {@code nodeNs} as {@code ifname} with {@code cidr brd +}.
   */
  public String connect(String switchNs, String bridge, String nodeNs, String ifname, String cidr) {
    return connect(switchNs, bridge, nodeNs, ifname, cidr, null);
  }

  /** As above, with a fixed MAC address for the node end (comparable captures), or null. */
  public String connect(String switchNs, String bridge, String nodeNs, String ifname, String cidr, String mac) {
    requireOwn(switchNs);
    requireOwn(nodeNs);
    String port = (nodeNs.substring(prefix.length()) + "-" + ifname);
    port = port.length() > 15 ? port.substring(0, 15) : port;
    ip("-n", switchNs, "link", "add", port, "type", "veth", "peer", "name", ifname, "netns", nodeNs);
    ip("-n", switchNs, "link", "set", port, "master", bridge);
    ip("-n", switchNs, "link", "set", port, "up");
    if (mac != null) {
      ip("-n", nodeNs, "link", "set", ifname, "address", mac);
    }
    ip("-n", nodeNs, "addr", "add", cidr, "brd", "+", "dev", ifname);
    ip("-n", nodeNs, "link", "set", ifname, "up");
    return port;
  }

  /**
   * Sets a link of one of our namespaces up or down; on a switch port this is how a test cuts a
   * node off (partition) or "powers it off" (NAMESPACE-NOTES "Faults").
   */
  public void linkUp(String ns, String link, boolean up) {
    requireOwn(ns);
    ip("-n", ns, "link", "set", link, up ? "up" : "down");
  }

  /** Runs {@code ip ARGS} (root-level command acting on our namespaces) and requires success. */
  public Result ip(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("ip");
    argv.addAll(Arrays.asList(args));
    return exec(argv, IP_TIMEOUT).requireSuccess(String.join(" ", argv));
  }

  /** Runs a command inside {@code ns}, killed after {@code timeout}. */
  public Result run(String ns, Duration timeout, String... argv) {
    requireOwn(ns);
    return exec(inNamespace(ns, List.of(argv)), timeout);
  }

  /**
   * Starts a long-running command inside {@code ns} with stdout and stderr appended to
   * {@code output}; the process is killed by {@link #close()} if still running.
   */
  public Process start(String ns, List<String> argv, Path output) {
    requireOwn(ns);
    try {
      Process p = new ProcessBuilder(inNamespace(ns, argv))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
          .start();
      processes.add(p);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + argv + " in " + ns, e);
    }
  }

  /** Kills our processes, everything left in our namespaces, and deletes the namespaces. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Process p : processes) {
      kill(p.toHandle());
    }
    processes.clear();
    List<String> reverse = new ArrayList<>(namespaces);
    java.util.Collections.reverse(reverse);
    for (String ns : reverse) {
      destroy(ns);
    }
    namespaces.clear();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Netns " + prefix + " already closed");
    }
  }

  private void requireOwn(String ns) {
    requireOpen();
    if (!namespaces.contains(ns)) {
      throw new IllegalArgumentException(ns + " was not created by this Netns");
    }
  }

  private static List<String> inNamespace(String ns, List<String> argv) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    full.addAll(argv);
    return full;
  }

  /** Kills every process in {@code ns} (a few rounds: agents may respawn), then deletes it. */
  private static void destroy(String ns) {
    for (int round = 0; round < 3; round++) {
      Result pids = exec(List.of("ip", "netns", "pids", ns), IP_TIMEOUT);
      List<Long> live = pids.stdout().lines().map(String::strip).filter(s -> s.matches("\\d+"))
          .map(Long::parseLong).toList();
      if (live.isEmpty()) {
        break;
      }
      live.forEach(pid -> ProcessHandle.of(pid).ifPresent(Netns::kill));
    }
    exec(List.of("ip", "netns", "delete", ns), IP_TIMEOUT);
  }

  private static void kill(ProcessHandle h) {
    h.descendants().forEach(ProcessHandle::destroyForcibly);
    h.destroyForcibly();
    try {
      h.onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      // a process that survives SIGKILL for 5 s is a kernel matter; the namespace delete still proceeds
    }
  }

  /**
   * Runs argv (in the root namespace, as given) with a timeout, capturing output through
   * temporary files (no reader threads); a command still running at the timeout is killed with
   * its descendants and reported with exit -1.
   */
  public static Result exec(List<String> argv, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("jhb-netns", ".out");
      err = Files.createTempFile("jhb-netns", ".err");
      Process p = new ProcessBuilder(argv)
          .redirectOutput(out.toFile()).redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      boolean done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        kill(p.toHandle());
      }
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = Files.readString(err, StandardCharsets.UTF_8);
      return new Result(done ? p.exitValue() : -1, stdout, done ? stderr : stderr + "\n(timed out after " + timeout + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + argv, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + argv, e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // temporary file; nothing to do
      }
    }
  }
}
