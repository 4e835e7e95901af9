package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * The bash completion the build generates (picocli.AutoComplete over JheartbeatCommand, into
 * target/jheartbeat_completion, shipped as /usr/share/bash-completion/completions/jheartbeat)
 * completes every command and the cl_status sub-commands. DebPackageIT checks the shipped file.
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

  @Test
  void buildWroteTheCompletionScriptWhenPackaged() throws Exception {
    Path generated = Path.of("target/jheartbeat_completion");
    // Only after 'mvn package' (prepare-package writes it); a plain 'mvn test' has not run that yet.
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(generated));
    assertThat(Files.readString(generated)).contains("_complete_jheartbeat", "check-config", "cl_status",
        "hb_standby", "hb_takeover", "daemon", "reload");
  }
}
