package org.jheartbeat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.TwoNodeLab.Slot;
import org.jheartbeat.testkit.Netns;

/**
 * A jheartbeat daemon as one node of a {@link TwoNodeLab}. Unlike the real Heartbeat it needs no
 * UTS/mount isolation: every path and the node name are given on its command line, so it runs
 * straight in the node's network namespace as
 * {@code ip netns exec NS <home>/bin/jheartbeat daemon --config-dir D/etc-ha.d --node NAME
 * --state-dir D/var-lib-hb --run-dir D/run --logfile D/var-log/ha-log}, where {@code <home>} is
 * the system property {@code jheartbeat.home} (set by Failsafe) or the working directory.
 * Queries go through our {@code cl_status --run-dir D/run}, which prints Heartbeat's words.
 *
 * <p>{@link #start()} waits (bounded) until {@code cl_status hbstatus} answers 0, failing early if
 * the process dies; {@link #stop()} is SIGTERM then a bounded wait, with SIGKILL as fallback.
 * Stdout and stderr of the daemon go to {@code D/daemon.out}.
 */
public final class JheartbeatNode implements ClusterNode {
  private static final Duration CMD_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final TwoNodeLab lab;
  private final Slot slot;
  private final String name;
  private final String ns;
  private final Path home;
  private final Path dir;
  private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
  private final List<String> wrapper = new ArrayList<>();
  private Process process;
  private boolean closed;
  private List<String> launcher = List.of();

  /** Prepares node {@code name} on {@code slot} with the given configuration texts; not started yet. */
  public JheartbeatNode(TwoNodeLab lab, Slot slot, String name, String haCf, String authkeys, String haresources) {
    this(lab, slot, name, haCf, authkeys, haresources, false);
  }

  /**
   * As above; with {@code heartbeatScripts}, Heartbeat's {@code /etc/ha.d/resource.d} (IPaddr,
   * IPaddr2, ... wrappers around resource-agents) is copied into the node's configuration, as on
   * a node where jheartbeat replaced Heartbeat, so that IPaddr runs the real script.
   */
  public JheartbeatNode(TwoNodeLab lab, Slot slot, String name, String haCf, String authkeys, String haresources,
      boolean heartbeatScripts) {
    this.lab = lab;
    this.slot = slot;
    this.name = name;
    this.ns = lab.ns(slot);
    this.home = Path.of(System.getProperty("jheartbeat.home", ".")).toAbsolutePath().normalize();
    try {
      this.dir = Files.createTempDirectory("jhb-e2e-j" + slot.id() + "-");
      Path etc = Files.createDirectories(dir.resolve("etc-ha.d"));
      Files.writeString(etc.resolve("ha.cf"), haCf);
      Path keys = etc.resolve("authkeys");
      Files.writeString(keys, authkeys);
      Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(etc.resolve("haresources"), haresources);
      if (heartbeatScripts) {
        copyHeartbeatScripts(Files.createDirectories(etc.resolve("resource.d")));
      }
      Files.createDirectories(dir.resolve("var-lib-hb"));
      Files.createDirectories(dir.resolve("run"));
      Files.createDirectories(dir.resolve("var-log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyHeartbeatScripts(Path resourceDir) throws IOException {
    try (java.util.stream.Stream<Path> scripts = Files.list(Path.of("/etc/ha.d/resource.d"))) {
      for (Path script : scripts.toList()) {
        Files.copy(script, resourceDir.resolve(script.getFileName()), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES,
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Slot slot() {
    return slot;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public Path configDir() {
    return dir.resolve("etc-ha.d");
  }

  public Path stateDir() {
    return dir.resolve("var-lib-hb");
  }

  public Path runDir() {
    return dir.resolve("run");
  }

  public Path logFile() {
    return dir.resolve("var-log/ha-log");
  }

  /** The daemon's process while it runs. */
  public Process process() {
    return process;
  }

  /**
   * Sets an environment variable of the daemon from its next {@link #start()} on, e.g. the
   * launcher's {@code JHEARTBEAT_DAEMON_JAVA_OPTS} to try other JVM flags.
   */
  public JheartbeatNode environment(String variable, String value) {
    environment.put(variable, value);
    return this;
  }

  /**
   * Starts the daemon from its next {@link #start()} on through a command that execs its
   * arguments, e.g. {@code nice -n -5} or {@code chrt -r 1}, to try scheduling priorities.
   */
  public JheartbeatNode wrapper(List<String> argv) {
    wrapper.clear();
    wrapper.addAll(argv);
    return this;
  }

  /**
   * The command line the daemon is started with (inside the node's namespace); the wrapper and
   * {@code env} exec the launcher, which execs java, so the process started is the daemon's JVM.
   */
  public List<String> daemonCommand() {
    List<String> argv = new ArrayList<>(wrapper);
    if (!environment.isEmpty()) {
      argv.add("env");
      environment.forEach((k, v) -> argv.add(k + "=" + v));
    }
    argv.addAll(List.of(home.resolve("bin/jheartbeat").toString(), "daemon",
        "--config-dir", configDir().toString(),
        "--node", name,
        "--state-dir", stateDir().toString(),
        "--run-dir", runDir().toString(),
        "--logfile", logFile().toString()));
    return argv;
  }

  /**
   * Runs the daemon through {@code prefix} from the next {@link #start()} on: {@code prefix +
   * daemonCommand()} inside the node's namespace (e.g. {@code unshare --mount ...} to give the
   * daemon a private mount namespace with test files bind-mounted).
   */
  public void launchWith(List<String> prefix) {
    launcher = List.copyOf(prefix);
  }

  @Override
  public void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " already running");
    }
    List<String> argv = new ArrayList<>(launcher);
    argv.addAll(daemonCommand());
    process = lab.net().start(ns, argv, dir.resolve("daemon.out"));
    Process p = process;
    Awaitility.await(name + " jheartbeat answering cl_status hbstatus").atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250)).pollDelay(Duration.ZERO)
        .until(() -> {
          if (!p.isAlive()) {
            throw new IllegalStateException(name + ": jheartbeat exited with " + p.exitValue()
                + "; output: " + readQuietly(dir.resolve("daemon.out")));
          }
          return clStatus("hbstatus").exit() == 0;
        });
  }

  /** SIGTERM, bounded wait, SIGKILL (with descendants) when the daemon does not exit in time. */
  @Override
  public void stop() {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill9();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill9();
    }
  }

  @Override
  public void kill9() {
    Process p = process;
    if (p == null) {
      return;
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Power-off: as {@link ClusterNode#powerOff}, and also SIGKILL for every other process left in
   * the node's namespace (a daemonised resource such as lighttpd is no descendant of the daemon).
   */
  @Override
  public void powerOff(TwoNodeLab lab) {
    ClusterNode.super.powerOff(lab);
    killNamespace();
  }

  /** SIGKILLs whatever runs in the node's network namespace, a few bounded rounds. */
  private void killNamespace() {
    for (int round = 0; round < 3; round++) {
      List<Long> pids = Netns.exec(List.of("ip", "netns", "pids", ns), CMD_TIMEOUT).stdout().lines()
          .map(String::strip).filter(x -> x.matches("\\d+")).map(Long::parseLong).toList();
      if (pids.isEmpty()) {
        return;
      }
      for (long pid : pids) {
        ProcessHandle.of(pid).ifPresent(h -> {
          h.destroyForcibly();
          try {
            h.onExit().get(2, TimeUnit.SECONDS);
          } catch (Exception e) {
            // zombie or slow exit: the next round lists it again
          }
        });
      }
    }
  }

  /** Runs our {@code cl_status --run-dir D/run ARGS} inside the node's namespace. */
  public Netns.Result clStatus(String... args) {
    List<String> argv = new ArrayList<>(List.of(home.resolve("bin/cl_status").toString(),
        "--run-dir", runDir().toString()));
    argv.addAll(List.of(args));
    return lab.net().run(ns, CMD_TIMEOUT, argv.toArray(String[]::new));
  }

  /** Our {@code bin/hb_standby --run-dir D/run SET} inside the node's namespace. */
  @Override
  public void standby(String set) {
    lab.net().run(ns, CMD_TIMEOUT, home.resolve("bin/hb_standby").toString(), "--run-dir", runDir().toString(), set)
        .requireSuccess(name + ": hb_standby " + set);
  }

  /**
   * Our {@code bin/hb_standby} or {@code bin/hb_takeover} ({@code tool}) with {@code set} inside the
   * node's namespace, whatever its exit status (a refused request exits 1 and says why).
   */
  public Netns.Result resourceTool(String tool, String set) {
    if (!tool.equals("hb_standby") && !tool.equals("hb_takeover")) {
      throw new IllegalArgumentException(tool);
    }
    return lab.net().run(ns, CMD_TIMEOUT, home.resolve("bin").resolve(tool).toString(), "--run-dir",
        runDir().toString(), set);
  }

  @Override
  public String nodeStatus(String peer) {
    return clStatus("nodestatus", peer).stdout().strip();
  }

  @Override
  public String linkStatus(String peer, String link) {
    return clStatus("hblinkstatus", peer, link).stdout().strip();
  }

  @Override
  public String log() {
    return readQuietly(logFile());
  }

  private static String readQuietly(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops the daemon (SIGKILL if it must) and deletes the node's files; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill9();
    if (Netns.list().contains(ns)) {
      killNamespace(); // resources it started (lighttpd) are not its descendants
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("JheartbeatNode: could not delete " + dir + ": " + e);
    }
  }
}
