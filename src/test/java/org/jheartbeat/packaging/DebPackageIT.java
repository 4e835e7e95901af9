package org.jheartbeat.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The .deb that {@code mvn package} builds, checked as dpkg sees it and then installed into a
 * throwaway root ({@code dpkg --root} with {@code --force-script-chrootless}, so the maintainer
 * scripts run with DPKG_ROOT set and touch only that root; never this machine's root): the
 * installed launcher and the Heartbeat tool links run the installed jar, the installed example
 * configuration checks, the unit's ExecStart line runs a node that reports READY=1 on a
 * NOTIFY_SOCKET and stops on SIGTERM, and removal and purge leave nothing of the package but the
 * operator's files.
 */
class DebPackageIT {
  private static final Path HOME = Path.of(System.getProperty("jheartbeat.home", "."));
  private static final String VERSION = System.getProperty("jheartbeat.version", "0.1.0-SNAPSHOT");

  @TempDir Path dir;
  private Path root;
  private Path deb;
  private Process daemon;
  private Process listener;

  record Result(int exitCode, String out) {}

  @BeforeEach
  void findPackage() throws IOException {
    assumeThat(System.getProperty("user.name")).as("dpkg --root needs root").isEqualTo("root");
    try (Stream<Path> files = Files.list(HOME.resolve("target"))) {
      List<Path> debs = files.filter(p -> p.getFileName().toString().endsWith(".deb")).toList();
      assertThat(debs).as("one .deb in target/").hasSize(1);
      deb = debs.get(0);
    }
    assertThat(deb.getFileName().toString()).isEqualTo("jheartbeat_" + debianVersion() + "_all.deb");
    root = dir.resolve("root");
    Files.createDirectories(root.resolve("var/lib/dpkg/info"));
    Files.createDirectories(root.resolve("var/lib/dpkg/updates"));
    Files.writeString(root.resolve("var/lib/dpkg/status"), "");
    Files.writeString(root.resolve("var/lib/dpkg/available"), "");
  }

  @AfterEach
  void stopProcesses() {
    for (Process p : Arrays.asList(daemon, listener)) {
      if (p != null && p.isAlive()) {
        p.destroyForcibly();
      }
    }
  }

  private static String debianVersion() {
    return VERSION.replace('-', '~');
  }

  @Test
  void controlFieldsAndConffiles() throws Exception {
    Result info = run(List.of("dpkg-deb", "--info", deb.toString()));
    assertThat(info.exitCode()).isZero();
    assertThat(info.out()).contains(
        " Package: jheartbeat\n",
        " Version: " + debianVersion() + "\n",
        " Architecture: all\n",
        " Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, iproute2\n",
        " Recommends: iputils-arping\n",
        " Suggests: resource-agents\n");
    Result conffiles = run(List.of("dpkg-deb", "--info", deb.toString(), "conffiles"));
    assertThat(conffiles.out().lines().toList())
        .containsExactlyInAnyOrder("/etc/logrotate.d/jheartbeat", "/etc/default/jheartbeat");
    for (String script : List.of("postinst", "prerm", "postrm")) {
      assertThat(run(List.of("dpkg-deb", "--info", deb.toString(), script)).out())
          .as(script).startsWith("#!/bin/sh\n").contains("DPKG_ROOT");
    }
  }

  @Test
  void contentsAndModes() throws Exception {
    Result contents = run(List.of("dpkg-deb", "--contents", deb.toString()));
    assertThat(contents.exitCode()).isZero();
    Map<String, String> modes = new HashMap<>();
    Map<String, String> links = new HashMap<>();
    for (String line : contents.out().lines().toList()) {
      String[] f = line.split("\\s+", 6);
      String name = f[5];
      int arrow = name.indexOf(" -> ");
      if (arrow >= 0) {
        links.put(name.substring(0, arrow).substring(1), name.substring(arrow + 4));
        name = name.substring(0, arrow);
      }
      modes.put(name.substring(1), f[0]);
    }
    assertThat(modes).containsEntry("/usr/bin/jheartbeat", "-rwxr-xr-x")
        .containsEntry("/usr/share/jheartbeat/jheartbeat.jar", "-rw-r--r--")
        .containsEntry("/lib/systemd/system/jheartbeat.service", "-rw-r--r--")
        .containsEntry("/etc/logrotate.d/jheartbeat", "-rw-r--r--")
        .containsEntry("/etc/default/jheartbeat", "-rw-r--r--")
        .containsEntry("/usr/share/bash-completion/completions/jheartbeat", "-rw-r--r--")
        .containsKeys("/usr/share/doc/jheartbeat/examples/ha.cf", "/usr/share/doc/jheartbeat/examples/authkeys",
            "/usr/share/doc/jheartbeat/examples/haresources", "/usr/share/doc/jheartbeat/README.Debian");
    // Every library the jar's Class-Path names, and nothing else.
    Set<String> libs = new TreeSet<>();
    try (Stream<Path> files = Files.list(HOME.resolve("target/lib"))) {
      files.forEach(p -> libs.add("/usr/share/jheartbeat/lib/" + p.getFileName()));
    }
    assertThat(modes.keySet().stream().filter(n -> n.startsWith("/usr/share/jheartbeat/lib/") && n.endsWith(".jar")))
        .containsExactlyInAnyOrderElementsOf(libs);
    // Heartbeat's tool names live outside PATH: Debian's heartbeat owns /usr/bin/cl_status.
    assertThat(links).containsEntry("/usr/lib/jheartbeat/bin/cl_status", "../../../bin/jheartbeat")
        .containsEntry("/usr/lib/jheartbeat/bin/hb_standby", "../../../bin/jheartbeat")
        .containsEntry("/usr/lib/jheartbeat/bin/hb_takeover", "../../../bin/jheartbeat");
    assertThat(modes.keySet()).doesNotContain("/usr/bin/cl_status", "/usr/share/heartbeat/hb_standby",
        "/usr/share/heartbeat/hb_takeover", "/etc/ha.d/ha.cf", "/etc/ha.d/authkeys", "/etc/ha.d/haresources");
  }

  @Test
  void installRunStopRemovePurge() throws Exception {
    // The operator's configuration, which neither installing nor purging may touch.
    Path haD = Files.createDirectories(root.resolve("etc/ha.d"));
    Files.writeString(haD.resolve("ha.cf"), "# the operator's\n");

    Result install = dpkg("-i", deb.toString());
    assertThat(install.exitCode()).as(install.out()).isZero();
    assertThat(install.out()).contains("Setting up jheartbeat (" + debianVersion() + ")");
    assertThat(root.resolve("var/lib/heartbeat")).isDirectory();
    assertThat(root.resolve("run/heartbeat")).isDirectory();
    assertThat(Files.getPosixFilePermissions(root.resolve("usr/bin/jheartbeat")))
        .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));

    Result version = run(List.of(root.resolve("usr/bin/jheartbeat").toString(), "--version"));
    assertThat(version.out()).isEqualTo("jheartbeat " + VERSION + " (compatible with Heartbeat 3.0.6)\n");
    assertThat(version.exitCode()).isZero();

    Result clStatus = run(List.of(root.resolve("usr/lib/jheartbeat/bin/cl_status").toString(),
        "--run-dir", dir.resolve("run").toString(), "hbstatus"));
    assertThat(clStatus.out()).isEqualTo("Heartbeat is stopped on this machine.\n");
    assertThat(clStatus.exitCode()).isEqualTo(1);

    Path examples = copyDir(root.resolve("usr/share/doc/jheartbeat/examples"), dir.resolve("examples"));
    Files.setPosixFilePermissions(examples.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    Result check = run(List.of(root.resolve("usr/bin/jheartbeat").toString(), "check-config", "-c", examples.toString()));
    assertThat(check.out()).contains(examples + ": configuration is valid");
    assertThat(check.exitCode()).isZero();

    Path completion = root.resolve("usr/share/bash-completion/completions/jheartbeat");
    assertThat(Files.readString(completion)).contains("complete -F _complete_jheartbeat", "check-config",
        "daemon", "cl_status", "hb_standby", "hb_takeover", "hbstatus", "reload");

    Map<String, String> unit = unit(root.resolve("lib/systemd/system/jheartbeat.service"));
    assertThat(unit).containsEntry("Type", "notify").containsEntry("ExecReload", "/bin/kill -HUP $MAINPID")
        .containsEntry("Conflicts", "heartbeat.service").containsEntry("Restart", "on-failure")
        .containsEntry("KillMode", "process").containsEntry("TimeoutStopSec", "15min");
    runUnitExecStart(unit.get("ExecStart"));

    Result remove = dpkg("-r", "jheartbeat");
    assertThat(remove.exitCode()).as(remove.out()).isZero();
    assertThat(root.resolve("usr/bin/jheartbeat")).doesNotExist();
    assertThat(root.resolve("usr/share/jheartbeat")).doesNotExist();
    assertThat(root.resolve("usr/lib/jheartbeat")).doesNotExist();
    assertThat(root.resolve("lib/systemd/system/jheartbeat.service")).doesNotExist();
    assertThat(root.resolve("etc/logrotate.d/jheartbeat")).as("conffiles stay until purge").exists();

    Result purge = dpkg("--purge", "jheartbeat");
    assertThat(purge.exitCode()).as(purge.out()).isZero();
    assertThat(root.resolve("etc/logrotate.d/jheartbeat")).doesNotExist();
    assertThat(root.resolve("etc/default/jheartbeat")).doesNotExist();
    assertThat(root.resolve("usr/share/doc/jheartbeat")).doesNotExist();
    assertThat(root.resolve("usr/share/bash-completion/completions/jheartbeat")).doesNotExist();
    assertThat(haD.resolve("ha.cf")).hasContent("# the operator's");
    assertThat(root.resolve("var/lib/heartbeat")).as("state shared with Heartbeat stays").isDirectory();
    try (Stream<Path> left = Files.walk(root)) {
      assertThat(left.map(p -> root.relativize(p).toString()).filter(p -> p.contains("jheartbeat")))
          .as("nothing of the package left").isEmpty();
    }
    assertThat(run(List.of("dpkg-query", "--admindir=" + root.resolve("var/lib/dpkg"), "-W", "jheartbeat")).exitCode())
        .isNotZero();
  }

  /**
   * The unit's ExecStart as systemd would run it (an unset $VARIABLE from the optional
   * EnvironmentFile is dropped), against a one-node configuration on loopback: it tells
   * NOTIFY_SOCKET READY=1, answers cl_status, and exits 0 after SIGTERM with STOPPING=1.
   */
  private void runUnitExecStart(String execStart) throws Exception {
    List<String> argv = new ArrayList<>(Arrays.stream(execStart.trim().split("\\s+"))
        .filter(w -> !w.startsWith("$")).toList());
    assertThat(argv).startsWith("/usr/bin/jheartbeat", "daemon");
    argv.set(0, root.resolve("usr/bin/jheartbeat").toString());
    int port;
    try (DatagramSocket probe = new DatagramSocket(0)) {
      port = probe.getLocalPort();
    }
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Path log = dir.resolve("ha-log");
    Files.writeString(etc.resolve("ha.cf"), "logfile " + log + "\nkeepalive 1\ndeadtime 10\n"
        + "initdead 12\nudpport " + port + "\nucast lo 127.0.0.1\nauto_failback off\nnode solo\n");
    Files.writeString(etc.resolve("authkeys"), "auth 1\n1 sha1 PackagedKey\n");
    Files.setPosixFilePermissions(etc.resolve("authkeys"), PosixFilePermissions.fromString("rw-------"));
    Path runDir = dir.resolve("run");
    argv.addAll(List.of("--config-dir", etc.toString(), "--node", "solo", "--state-dir", dir.resolve("state").toString(),
        "--run-dir", runDir.toString(), "--init-dir", dir.toString()));

    Path notifySocket = dir.resolve("notify.sock");
    Path notified = dir.resolve("notified.txt");
    listener = new ProcessBuilder("python3", "-c",
        "import socket,sys\n"
            + "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
            + "s.bind(sys.argv[1])\n"
            + "while True:\n"
            + "  print(s.recv(4096).decode().replace('\\n',' '),flush=True)\n",
        notifySocket.toString())
        .redirectErrorStream(true).redirectOutput(notified.toFile()).start();
    await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(notifySocket));

    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
        .redirectOutput(dir.resolve("daemon.out").toFile());
    pb.environment().put("NOTIFY_SOCKET", notifySocket.toString());
    daemon = pb.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(notified).contains("READY=1"));
    assertThat(Files.readString(notified)).contains("MAINPID=" + daemon.pid());

    Result hb = run(List.of(root.resolve("usr/lib/jheartbeat/bin/cl_status").toString(),
        "--run-dir", runDir.toString(), "hbstatus"));
    assertThat(hb.out()).isEqualTo("Heartbeat is running on this machine.\n");

    daemon.destroy(); // SIGTERM, as systemctl stop sends it
    assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("daemon exits after SIGTERM").isTrue();
    assertThat(daemon.exitValue()).as(Files.readString(dir.resolve("daemon.out"))).isZero();
    assertThat(Files.readString(log)).contains("info: solo Heartbeat shutdown complete.");
    await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(notified).contains("STOPPING=1"));
  }

  private static Map<String, String> unit(Path file) throws IOException {
    return Files.readAllLines(file).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith("[") && l.contains("="))
        .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
  }

  private Result dpkg(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("dpkg", "--root=" + root, "--force-script-chrootless",
        "--force-depends", "--log=" + dir.resolve("dpkg.log")));
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  private Result run(List<String> cmd) throws Exception {
    Path out = Files.createTempFile(dir, "out", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("PATH", pb.environment().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
    pb.environment().remove("NOTIFY_SOCKET");
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private static Path copyDir(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
    return to;
  }
}
