package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-config on a copy of examples/tutorial, as an operator runs it. */
class CheckConfigCommandTest {
  @TempDir Path dir;
  Path initDir;

  @BeforeEach
  void copyTutorial() throws IOException {
    Path tutorial = Path.of("examples/tutorial");
    try (Stream<Path> files = Files.list(tutorial)) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
    initDir = Files.createDirectory(dir.resolve("init.d"));
  }

  private CliRun check(String... extra) {
    String[] args = Stream.concat(
        Stream.of("check-config", "-c", dir.toString(), "--init-dir", initDir.toString()),
        Stream.of(extra)).toArray(String[]::new);
    return CliRun.of("jheartbeat", args);
  }

  private void mode(String perms) throws IOException {
    Files.setPosixFilePermissions(dir.resolve("authkeys"), PosixFilePermissions.fromString(perms));
  }

  @Test
  void aFreshCloneOfTheTutorialIsRefusedUntilAuthkeysIsMode600() throws IOException {
    mode("rw-r--r--");
    CliRun refused = check("--node", "orasrv1.xlk.com");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains(dir.resolve("authkeys") + ": group or others can read the keys (mode rw-r--r--);"
        + " Heartbeat refuses this too: run 'chmod 600 " + dir.resolve("authkeys") + "'\n");
    assertThat(refused.err()).contains("configuration is invalid: 1 error(s)");

    mode("rw-------");
    CliRun accepted = check("--node", "orasrv1.xlk.com");
    assertThat(accepted.exitCode()).isZero();
    assertThat(accepted.out()).isEqualTo(dir + ": configuration is valid (1 warning(s))\n");
    assertThat(accepted.err()).isEqualTo(dir.resolve("haresources") + ":2: warning: resource script 'httpd' is neither in "
        + dir.resolve("resource.d") + " nor in " + initDir + " on this node: the group cannot start here\n");
  }

  @Test
  void anInitScriptNamedHttpdSilencesTheWarning() throws IOException {
    mode("rw-------");
    Path httpd = Files.writeString(initDir.resolve("httpd"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(httpd, PosixFilePermissions.fromString("rwxr-xr-x"));
    CliRun run = check("--node", "orasrv2.xlk.com");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void aNodeNamedOnTheCommandLineMustBeInHaCf() throws IOException {
    mode("rw-------");
    CliRun run = check("--node", "orasrv3.xlk.com");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(dir.resolve("ha.cf") + ":12: this node 'orasrv3.xlk.com' is not listed in a 'node' line");
  }

  @Test
  void dumpShowsEveryDefaultAndRedactsTheKey() throws IOException {
    mode("rw-------");
    CliRun run = check("--node", "orasrv1.xlk.com", "--dump", "--state-dir", "/srv/hb/state");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("keepalive 2000ms                        # ha.cf:5 (2)\n")
        .contains("deadping 15000ms                        # default: deadtime\n")
        .contains("1 md5 <redacted>")
        .contains("# state dir  /srv/hb/state\n")
        .doesNotContain("74a6a503b5bec9373b22bb630608df41");
  }

  @Test
  void everyProblemOfEveryFileIsReportedInOneRun() throws IOException {
    mode("rw-r-----");
    Files.writeString(dir.resolve("ha.cf"), "keepalive 2\ndeadtime 3\nnode alpha\nbcast eth1\nbogus 1\n");
    Files.writeString(dir.resolve("haresources"), "gamma 10.0.0.1\n");
    CliRun run = check("--node", "alpha");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err().lines().filter(l -> !l.contains("warning:") && !l.contains("configuration is invalid")))
        .containsExactly(
            dir.resolve("ha.cf") + ":5: unknown directive 'bogus'",
            dir.resolve("ha.cf") + ":2: deadtime 3000ms must be more than twice keepalive 2000ms, or one lost packet would declare a node dead",
            dir.resolve("authkeys") + ": group or others can read the keys (mode rw-r-----); Heartbeat refuses this too: run 'chmod 600 " + dir.resolve("authkeys") + "'",
            dir.resolve("haresources") + ":1: 'gamma' is not a node of ha.cf (the first word of a line names the group's preferred node; nodes: alpha)");
  }

  @Test
  void theMonitorsFileIsCheckedAndDumped() throws IOException {
    mode("rw-------");
    Files.writeString(dir.resolve("monitors"), "httpd interval=5s timeout=10s threshold=2 expire=10min\n");
    CliRun run = check("--node", "orasrv1.xlk.com", "--dump");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("## monitors\nhttpd group=IPaddr::192.168.21.1/24/eth0 interval=5000ms timeout=10000ms"
        + " on-fail=restart threshold=2 expire=600000ms # monitors:1\n");

    Files.writeString(dir.resolve("ha.cf"), Files.readString(dir.resolve("ha.cf")).replaceAll(
        "(?m)^auto_failback .*$", "auto_failback legacy"));
    CliRun legacy = check("--node", "orasrv1.xlk.com");
    assertThat(legacy.exitCode()).isZero();
    assertThat(legacy.err()).contains(dir.resolve("monitors") + ": warning: auto_failback legacy has no standby");

    Files.writeString(dir.resolve("monitors"), "httpd interval=5s\nhttpd2\n");
    CliRun bad = check("--node", "orasrv1.xlk.com");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains(dir.resolve("monitors") + ":2: resource 'httpd2' is in no group of "
        + dir.resolve("haresources"));
  }
}
