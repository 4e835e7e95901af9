package org.jheartbeat.demo;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.api.ControlClient;
import org.jheartbeat.api.ControlSocket;

/**
 * One node of the demo cluster: its directory (etc with ha.cf, authkeys 0600 and haresources;
 * state; run; its log files) and its {@code jheartbeat daemon} process, started with the same
 * JVM and class path as the demo. Optionally run through a command prefix (ip netns exec NS).
 */
final class DemoNode {
  final String name;
  final String address;
  final Path dir;
  private final List<String> prefix;
  private final List<String> extraArgs;
  private Process process;

  DemoNode(String name, String address, Path dir, List<String> prefix, List<String> extraArgs) {
    this.name = name;
    this.address = address;
    this.dir = dir;
    this.prefix = List.copyOf(prefix);
    this.extraArgs = List.copyOf(extraArgs);
  }

  Path etc() {
    return dir.resolve("etc");
  }

  Path runDir() {
    return dir.resolve("run");
  }

  Path log() {
    return dir.resolve("ha-log");
  }

  Path console() {
    return dir.resolve("daemon.out");
  }

  /** Writes the node's configuration files. */
  void configure(String haCf, String haResources, String authKeys) throws IOException {
    Files.createDirectories(etc());
    Files.createDirectories(dir.resolve("state"));
    Files.createDirectories(dir.resolve("init.d"));
    Files.writeString(etc().resolve("ha.cf"), haCf);
    Files.writeString(etc().resolve("haresources"), haResources);
    Path keys = etc().resolve("authkeys");
    Files.deleteIfExists(keys);
    Files.createFile(keys, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(keys, authKeys);
  }

  void start() throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> !a.startsWith("-Djheartbeat.argv0"))
        .forEach(cmd::add);
    // Small and quick to start: two daemons share the machine with the demo.
    cmd.addAll(List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.jheartbeat.cli.Main", "daemon",
        "--config-dir", etc().toString(), "--node", name,
        "--state-dir", dir.resolve("state").toString(), "--run-dir", runDir().toString(),
        "--init-dir", dir.resolve("init.d").toString(), "--logfile", log().toString()));
    cmd.addAll(extraArgs);
    process = new ProcessBuilder(cmd)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(console().toFile()))
        .redirectErrorStream(true)
        .start();
  }

  long pid() {
    return process == null ? -1 : process.pid();
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** True once the daemon answers on its control socket; false when it died or time ran out. */
  boolean awaitAnswering(long deadlineNanos) throws InterruptedException {
    while (System.nanoTime() < deadlineNanos) {
      if (!alive()) {
        return false;
      }
      if (request("cl_status", List.of("hbstatus")).isPresent()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  /** A tool request to this node's daemon, as the tools send it. */
  Optional<ControlClient.Reply> request(String tool, List<String> args) {
    return new ControlClient(ControlSocket.in(runDir()), Duration.ofSeconds(2)).request(tool, args).reply();
  }

  /** What this node's daemon says of {@code node} ({@code cl_status nodestatus}). */
  String statusOf(String node) {
    return request("cl_status", List.of("nodestatus", node))
        .flatMap(r -> r.lines().stream().filter(l -> !l.error()).findFirst())
        .map(ControlClient.Line::text).orElse("?");
  }

  /** This node's resource manager state ({@code jheartbeat status --json}: resources.state), or "?". */
  String resourceState() {
    return request("status", List.of())
        .flatMap(r -> r.lines().stream().filter(l -> !l.error()).findFirst())
        .map(l -> {
          try {
            return org.jheartbeat.api.StatusJson.read(l.text()).resources().state();
          } catch (IOException | RuntimeException e) {
            return "?";
          }
        }).orElse("?");
  }

  /** The crash: SIGKILL, then wait (bounded) until the process is gone. */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
    }
  }

  /** Graceful stop (SIGTERM, the daemon gives its resources up), SIGKILL after {@code graceMs}. */
  void stop(long graceMs) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(graceMs, TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
