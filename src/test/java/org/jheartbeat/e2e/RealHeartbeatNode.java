package org.jheartbeat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.TwoNodeLab.Slot;
import org.jheartbeat.testkit.Netns;

/**
 * A real Linux-HA Heartbeat 3.0.6 (Debian package {@code heartbeat}) as one node of a
 * {@link TwoNodeLab} (NAMESPACE-NOTES "Per-node isolation"). A holder process
 * ({@code ip netns exec NS unshare --uts --mount --propagation private sleep}) owns a private UTS
 * and mount namespace inside the node's network namespace; the hostname is set to the node name
 * (Heartbeat takes its name from {@code uname -n}) and per-node directories from a temporary
 * directory are bind-mounted over {@code /etc/ha.d}, {@code /var/lib/heartbeat}, {@code /run} and
 * {@code /var/log}. Every command for the node runs through {@code nsenter -t HOLDER -n -m -u}.
 *
 * <p>Before any mount the holder is checked to sit in mount and UTS namespaces other than ours,
 * so a race can never bind-mount over the host's paths. {@link #close()} SIGKILLs everything in
 * the node's namespace in rounds (freeze, list, kill: Heartbeat may respawn children), which
 * also ends the holder and with it the mounts, then deletes the temporary directory.
 */
public final class RealHeartbeatNode implements ClusterNode {
  public static final Path DAEMON = Path.of("/usr/libexec/heartbeat/heartbeat");
  public static final Path CL_STATUS = Path.of("/usr/bin/cl_status");
  public static final Path HB_STANDBY = Path.of("/usr/share/heartbeat/hb_standby");
  private static final Duration CMD_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final int STOP_SECONDS = 20;
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_SECONDS);
  private static final int KILL_ROUNDS = 6;

  private final TwoNodeLab lab;
  private final Slot slot;
  private final String name;
  private final String ns;
  private final Path dir;
  private final long holder;
  private boolean closed;

  /** Whether this machine has the real Heartbeat installed. */
  public static boolean installed() {
    return Files.isExecutable(DAEMON) && Files.isExecutable(CL_STATUS);
  }

  /**
   * Prepares node {@code name} on {@code slot} with the given ha.cf, authkeys (written mode 600)
   * and haresources texts; the daemon is not started yet. {@code hb_uuid} is pre-seeded to
   * {@code 11111111-2222-3333-4444-00000000000N} (N = slot number) as in the golden traces.
   */
  public RealHeartbeatNode(TwoNodeLab lab, Slot slot, String name, String haCf, String authkeys, String haresources) {
    this.lab = lab;
    this.slot = slot;
    this.name = name;
    this.ns = lab.ns(slot);
    try {
      this.dir = Files.createTempDirectory("jhb-e2e-" + slot.id() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long h = -1;
    try {
      prepareDirs(haCf, authkeys, haresources);
      Process p = lab.net().start(ns, List.of("unshare", "--uts", "--mount", "--propagation", "private",
          "sleep", "3600"), dir.resolve("holder.out"));
      h = p.pid();
      awaitIsolated(h);
      sh("nsenter", "-t", "" + h, "-u", "hostname", name);
      sh("nsenter", "-t", "" + h, "-m", "sh", "-c",
          "mount --bind " + dir.resolve("etc-ha.d") + " /etc/ha.d"
              + " && mount --bind " + dir.resolve("var-lib-hb") + " /var/lib/heartbeat"
              + " && mount --bind " + dir.resolve("run") + " /run"
              + " && mount --bind " + dir.resolve("var-log") + " /var/log");
    } catch (RuntimeException e) {
      this.holder = h;
      close();
      throw e;
    }
    this.holder = h;
  }

  private void prepareDirs(String haCf, String authkeys, String haresources) {
    try {
      Path etc = Files.createDirectories(dir.resolve("etc-ha.d"));
      sh("cp", "-a", "/etc/ha.d/.", etc.toString());
      Files.writeString(etc.resolve("ha.cf"), haCf);
      Path keys = etc.resolve("authkeys");
      Files.writeString(keys, authkeys);
      Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(etc.resolve("haresources"), haresources);

      Path lib = Files.createDirectories(dir.resolve("var-lib-hb"));
      // The package's directory tree with owners and modes (cores/{hacluster,root,nobody}, ccm, crm, ...).
      sh("sh", "-c", "cd /var/lib/heartbeat && find . -type d | while read -r d; do"
          + " mkdir -p \"$0/$d\" && chown --reference=\"$d\" \"$0/$d\" && chmod --reference=\"$d\" \"$0/$d\"; done",
          lib.toString());
      Files.createDirectories(lib.resolve("rsctmp"));
      ByteBuffer uuid = ByteBuffer.allocate(16).putLong(0x1111111122223333L).putLong(0x4444000000000000L + slotNumber());
      Files.write(lib.resolve("hb_uuid"), uuid.array());

      Path run = Files.createDirectories(dir.resolve("run"));
      // As /etc/init.d/heartbeat StartHA does (umask 027).
      sh("sh", "-c", "cd \"$0\" && install -d -m 1755 -o root -g root resource-agents"
          + " && for d in crm heartbeat heartbeat/ccm heartbeat/crm heartbeat/dopd; do"
          + " install -d -m 750 -o hacluster -g haclient \"$d\"; done", run.toString());
      Files.createDirectories(dir.resolve("var-log"));
      for (String d : List.of("etc-ha.d", "var-lib-hb", "run", "var-log")) {
        Files.setPosixFilePermissions(dir.resolve(d), PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int slotNumber() {
    return slot.ordinal() + 1;
  }

  /** Waits until the holder has exec'd {@code sleep} in mount and UTS namespaces other than ours. */
  private static void awaitIsolated(long pid) {
    Awaitility.await("holder " + pid + " isolated").atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
        .until(() -> {
          Path proc = Path.of("/proc/" + pid);
          if (!Files.exists(proc)) {
            throw new IllegalStateException("holder " + pid + " exited");
          }
          return "sleep".equals(Files.readString(proc.resolve("comm")).strip())
              && !Files.readSymbolicLink(proc.resolve("ns/mnt")).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")))
              && !Files.readSymbolicLink(proc.resolve("ns/uts")).equals(Files.readSymbolicLink(Path.of("/proc/self/ns/uts")));
        });
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Slot slot() {
    return slot;
  }

  /** The temporary directory with the node's etc-ha.d, var-lib-hb, run and var-log. */
  public Path dir() {
    return dir;
  }

  /** The holder's PID (target of {@code nsenter -t}). */
  public long holderPid() {
    return holder;
  }

  /** Runs a command inside the node (network, mount and UTS namespaces of the holder). */
  public Netns.Result exec(Duration timeout, String... argv) {
    List<String> full = new ArrayList<>(List.of("nsenter", "-t", "" + holder, "-n", "-m", "-u"));
    full.addAll(List.of(argv));
    return Netns.exec(full, timeout);
  }

  /** Runs {@code cl_status ARGS} inside the node. */
  public Netns.Result clStatus(String... args) {
    List<String> argv = new ArrayList<>(List.of(CL_STATUS.toString()));
    argv.addAll(List.of(args));
    return exec(CMD_TIMEOUT, argv.toArray(String[]::new));
  }

  /** The master process's PID from {@code /run/heartbeat.pid}, if that process lives. */
  public Optional<Long> daemonPid() {
    try {
      Path pidFile = dir.resolve("run/heartbeat.pid");
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(pidFile).strip());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Starts the daemon (it daemonises) and waits until its pid file names a live process. */
  @Override
  public void start() {
    exec(START_TIMEOUT, DAEMON.toString()).requireSuccess(name + ": heartbeat start");
    Awaitility.await(name + " heartbeat running").atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO)
        .until(() -> daemonPid().isPresent());
  }

  /**
   * {@code heartbeat -k} (which itself waits forever for the daemon to exit, so it is bounded by
   * {@value #STOP_SECONDS} s), then waits for every non-holder process of the node to be gone;
   * SIGKILL rounds when that does not happen in time.
   */
  @Override
  public void stop() {
    Netns.Result k = exec(STOP_TIMEOUT, DAEMON.toString(), "-k");
    if (k.exit() == -1) {
      System.err.println(name + ": heartbeat -k did not return within " + STOP_TIMEOUT);
    }
    try {
      Awaitility.await(name + " heartbeat stopped").atMost(STOP_TIMEOUT)
          .pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO)
          .until(() -> nodeProcesses().isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      kill9();
    }
  }

  /** SIGKILLs every process of the node except the holder, in freeze-list-kill rounds. */
  @Override
  public void kill9() {
    killRounds(false);
  }

  /** {@code dir()/etc-ha.d}, which the node sees as {@code /etc/ha.d}. */
  @Override
  public Path configDir() {
    return dir.resolve("etc-ha.d");
  }

  /** {@code /usr/share/heartbeat/hb_standby SET} inside the node. */
  @Override
  public void standby(String set) {
    exec(CMD_TIMEOUT, HB_STANDBY.toString(), set).requireSuccess(name + ": hb_standby " + set);
  }

  @Override
  public String nodeStatus(String peer) {
    return clStatus("nodestatus", peer).stdout().strip();
  }

  @Override
  public String linkStatus(String peer, String link) {
    return clStatus("hblinkstatus", peer, link).stdout().strip();
  }

  /** The contents of {@code /var/log/ha-log} of this node ("" when it does not exist yet); Latin-1 because Heartbeat dumps binary fields of bad packets into it. */
  @Override
  public String log() {
    try {
      Path log = dir.resolve("var-log/ha-log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** PIDs living in the node's network namespace, holder excluded. */
  public List<Long> nodeProcesses() {
    return namespacePids().stream().filter(p -> p != holder).toList();
  }

  private List<Long> namespacePids() {
    Netns.Result r = Netns.exec(List.of("ip", "netns", "pids", ns), CMD_TIMEOUT);
    return r.stdout().lines().map(String::strip).filter(s -> s.matches("\\d+")).map(Long::parseLong).toList();
  }

  /** Freeze everything (SIGSTOP), re-list, SIGKILL; repeated until nothing (but maybe the holder) is left. */
  private void killRounds(boolean includingHolder) {
    for (int round = 0; round < KILL_ROUNDS; round++) {
      List<Long> pids = includingHolder ? namespacePids() : nodeProcesses();
      if (pids.isEmpty()) {
        return;
      }
      signal("-STOP", pids);
      List<Long> again = includingHolder ? namespacePids() : nodeProcesses();
      signal("-KILL", again);
      for (long pid : again) {
        ProcessHandle.of(pid).ifPresent(h -> {
          try {
            h.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
          } catch (Exception e) {
            // zombie or slow exit: the next round lists it again
          }
        });
      }
    }
  }

  private static void signal(String sig, List<Long> pids) {
    if (pids.isEmpty()) {
      return;
    }
    List<String> argv = new ArrayList<>(List.of("kill", sig));
    pids.forEach(p -> argv.add(Long.toString(p)));
    Netns.exec(argv, CMD_TIMEOUT);
  }

  private static void sh(String... argv) {
    Netns.exec(List.of(argv), CMD_TIMEOUT).requireSuccess(String.join(" ", argv));
  }

  /** Kills every process of the node's namespace (holder included: that ends the mounts) and deletes the files. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (lab.net() != null && Netns.list().contains(ns)) {
      killRounds(true);
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a leftover temporary directory is not worth failing a test over; report it
      System.err.println("RealHeartbeatNode: could not delete " + root + ": " + e);
    }
  }
}
