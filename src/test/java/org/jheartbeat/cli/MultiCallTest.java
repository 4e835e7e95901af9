package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program behaves as the Heartbeat tool it is called as, whatever the path of the link. */
class MultiCallTest {
  @TempDir Path runDir;

  @Test
  void calledAsClStatusItIsClStatus() {
    CliRun run = CliRun.of("/usr/sbin/cl_status", "hbstatus", "--run-dir", runDir.toString());
    assertThat(run.out()).isEqualTo("Heartbeat is stopped on this machine.\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void calledAsHbStandbyItIsHbStandby() {
    CliRun run = CliRun.of("bin/hb_standby", "sideways");
    assertThat(run.out()).isEqualTo("hb_standby: wrong resources(sideways).\nusage:\n");
    assertThat(run.err()).isEqualTo("hb_standby [all|foreign|local|failback]\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void calledAsHbTakeoverItIsHbTakeover() {
    CliRun run = CliRun.of("hb_takeover", "all", "local");
    assertThat(run.out()).startsWith("hb_takeover: too many arguments\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void calledAsAnythingElseItIsJheartbeatWithTheToolsAsSubcommands() {
    CliRun version = CliRun.of("jheartbeat", "--version");
    assertThat(version.out()).startsWith("jheartbeat ").contains("compatible with Heartbeat 3.0.6");
    assertThat(version.exitCode()).isZero();

    CliRun sub = CliRun.of("jheartbeat", "cl_status", "--run-dir", runDir.toString(), "hbstatus");
    assertThat(sub.out()).isEqualTo("Heartbeat is stopped on this machine.\n");
    assertThat(sub.exitCode()).isEqualTo(1);
  }

  @Test
  void withoutSubcommandJheartbeatPrintsUsageListingTheCommands() {
    CliRun run = CliRun.of("jheartbeat");
    assertThat(run.err()).contains("check-config", "cl_status", "hb_standby", "hb_takeover");
  }
}
