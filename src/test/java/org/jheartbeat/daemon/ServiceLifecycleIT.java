package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jheartbeat.testkit.JheartbeatCommand;
import org.jheartbeat.testkit.JheartbeatCommand.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The init-script commands against a real daemon process: start returns once it answers,
 * status and cl_status see it, reload re-reads authkeys and the monitors file (and keeps it when
 * it is broken), stop returns once it has exited and
 * released its pid file. One node alone on loopback (ucast to itself on a free high port).
 */
class ServiceLifecycleIT {
  @TempDir Path dir;
  private final List<String> node = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    PidFile.running(dir.resolve("run")).ifPresent(pid ->
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  @Test
  void startStatusReloadStop() throws Exception {
    int port;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      port = probe.getLocalPort();
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("ha.cf"), "logfile " + dir.resolve("ha-log") + "\nkeepalive 1\ndeadtime 10\n"
        + "initdead 12\nudpport " + port + "\nucast lo 127.0.0.1\nauto_failback off\nnode solo\n");
    writeKeys(etc, "auth 1\n1 sha1 FirstKey\n");
    String web = "jhbweb::127.0.0.1::" + freeTcpPort();
    Files.writeString(etc.resolve("haresources"), "solo " + web + "\n");
    node.addAll(List.of("--config-dir", etc.toString(), "--node", "solo", "--state-dir", dir.resolve("state").toString(),
        "--run-dir", dir.resolve("run").toString(), "--init-dir", dir.toString()));

    Result start = run("start");
    assertThat(start.out()).isEqualTo("Starting High-Availability services: Done.\n");
    assertThat(start.exitCode()).isZero();
    OptionalLong pid = PidFile.running(dir.resolve("run"));
    assertThat(pid).isPresent();

    Result status = run("status");
    assertThat(status.out()).startsWith("heartbeat OK [pid " + pid.getAsLong() + " et al] is running on solo [solo]...\n")
        .contains("solo (this node)  normal  ");
    assertThat(status.exitCode()).isZero();

    Result hb = jheartbeat("cl_status", "--run-dir", dir.resolve("run").toString(), "hbstatus");
    assertThat(hb.out()).isEqualTo("Heartbeat is running on this machine.\n");
    assertThat(Files.readString(dir.resolve("state/hb_generation"))).hasSize(16);
    assertThat(Files.size(dir.resolve("state/hb_uuid"))).isEqualTo(16);

    Result again = run("start");
    assertThat(again.out()).contains("heartbeat is already running (pid " + pid.getAsLong() + ")");

    writeKeys(etc, "auth 2\n2 md5 SecondKey\n");
    Result reload = jheartbeat("reload", "--run-dir", dir.resolve("run").toString());
    assertThat(reload.out()).isEqualTo("Reloading High-Availability services: Done.\n");
    await().atMost(Duration.ofSeconds(10)).until(() -> log().contains("info: Rereading authentication file."));

    Files.writeString(etc.resolve("monitors"), web + " interval=30s\n");
    assertThat(jheartbeat("reload", "--run-dir", dir.resolve("run").toString()).exitCode()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> log().contains("info: Monitors file " + etc.resolve("monitors")
        + " reread: 1 monitored resources (added [" + web + "], removed [], changed [])"));
    Files.writeString(etc.resolve("monitors"), web + " interval=soon\n");
    assertThat(jheartbeat("reload", "--run-dir", dir.resolve("run").toString()).exitCode()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> log().contains("ERROR: " + etc.resolve("monitors")
        + ":1: interval 'soon' is not a time"));
    assertThat(log()).contains("ERROR: Configuration error: keeping the running configuration.");
    Files.writeString(etc.resolve("monitors"), web + " interval=30s\n"); // what runs: the next reload keeps it

    long generation = Long.parseLong(Files.readString(dir.resolve("state/hb_generation")).strip());
    Files.writeString(etc.resolve("ha.cf"), Files.readString(etc.resolve("ha.cf")).replace("keepalive 1\n", "keepalive 2\n"));
    assertThat(jheartbeat("reload", "--run-dir", dir.resolve("run").toString()).exitCode()).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> log().contains("info: Heartbeat restart triggered."));
    await().atMost(Duration.ofSeconds(10)).until(() -> log().contains("info: Heartbeat generation: " + (generation + 1)));
    assertThat(jheartbeat("cl_status", "--run-dir", dir.resolve("run").toString(), "hbparameter", "-p", "keepalive").out())
        .isEqualTo("2\n");

    Result stop = jheartbeat("stop", "--run-dir", dir.resolve("run").toString(), "--timeout", "30");
    assertThat(stop.out()).isEqualTo("Stopping High-Availability services: Done.\n");
    assertThat(ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    assertThat(log()).contains("info: Heartbeat shutdown in progress. (" + pid.getAsLong() + ")",
        "info: solo Heartbeat shutdown complete.");
    assertThat(log()).doesNotContain("SecondKey", "FirstKey");

    Result stopped = run("status");
    assertThat(stopped.out()).isEqualTo("heartbeat is stopped. No process\n");
    assertThat(stopped.exitCode()).isEqualTo(3);
  }

  @Test
  void startRefusesAnInvalidConfigurationWithExitSix() throws Exception {
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.writeString(etc.resolve("ha.cf"), "keepalive 2\ndeadtime 3\nnode solo\nucast lo 127.0.0.1\n");
    writeKeys(etc, "auth 1\n1 crc\n");
    node.addAll(List.of("--config-dir", etc.toString(), "--node", "solo", "--run-dir", dir.resolve("run").toString()));
    Result start = run("start");
    assertThat(start.exitCode()).isEqualTo(6);
    assertThat(start.out()).startsWith("Starting High-Availability services:  Heartbeat failure [rc=6]. Failed.\n")
        .contains("deadtime 3000ms must be more than twice keepalive 2000ms")
        .endsWith("Configuration error, heartbeat not started.\n");
    assertThat(PidFile.running(dir.resolve("run"))).isEmpty();
  }

  private static int freeTcpPort() throws IOException {
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  private String log() throws IOException {
    Path log = dir.resolve("ha-log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static void writeKeys(Path etc, String text) throws IOException {
    Path keys = etc.resolve("authkeys");
    Files.writeString(keys, text);
    Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
  }

  private Result run(String command) throws Exception {
    List<String> args = new ArrayList<>(List.of(command));
    args.addAll(node);
    return jheartbeat(args.toArray(String[]::new));
  }

  private Result jheartbeat(String... args) throws Exception {
    return JheartbeatCommand.run(dir, List.of(args));
  }
}
