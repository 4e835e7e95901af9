package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command's --help says its exit statuses and what it replaces for Heartbeat users. */
class HelpCommandTextTest {
  @ParameterizedTest
  @ValueSource(strings = {"check-config", "directives", "decode", "daemon", "start", "stop", "status", "reload",
      "hb_standby", "hb_takeover"})
  void everyCommandStatesItsExitStatuses(String command) {
    CliRun run = CliRun.of("jheartbeat", command, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Exit status");
    assertThat(run.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
  }

  @Test
  void heartbeatToolNamesAnswerHelpToo() {
    for (String tool : new String[] {"cl_status", "hb_standby", "hb_takeover"}) {
      CliRun run = CliRun.of(tool, "--help");
      assertThat(run.exitCode()).as(tool).isZero();
      assertThat(run.out()).as(tool).contains("/usr/lib/jheartbeat/bin/" + tool);
    }
  }

  @Test
  void topLevelHelpMapsHeartbeatsCommands() {
    CliRun run = CliRun.of("jheartbeat", "--help");
    assertThat(run.out()).contains("/etc/init.d/heartbeat start|stop|status|reload", "jheartbeat daemon",
        "/usr/lib/jheartbeat/bin", "/var/lib/heartbeat");
  }
}
