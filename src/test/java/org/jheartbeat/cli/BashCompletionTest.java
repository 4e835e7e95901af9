package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The bash completion the build generates (picocli.AutoComplete over JheartbeatCommand, into
 * target/jheartbeat_completion, shipped as /usr/share/bash-completion/completions/jheartbeat)
 * completes every command and the cl_status sub-commands. The file the build writes is checked
 * where it exists, after packaging: DebPackageIT reads the installed copy.
 */
class BashCompletionTest {
  @Test
  void completionCoversEveryCommand() {
    CommandLine cli = JheartbeatCommand.commandLine();
    String script = AutoComplete.bash("jheartbeat", cli);
    assertThat(script).contains("complete -F _complete_jheartbeat -o default jheartbeat");
    assertThat(cli.getSubcommands().keySet()).contains("daemon", "start", "stop", "status", "reload",
        "check-config", "cl_status", "hb_standby", "hb_takeover");
    for (String command : cli.getSubcommands().keySet()) {
      assertThat(script).as(command).contains(command);
    }
    assertThat(script).contains("hbstatus", "listnodes", "rscstatus", "--config-dir", "--run-dir");
  }
}
