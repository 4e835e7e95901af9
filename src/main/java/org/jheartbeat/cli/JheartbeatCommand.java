package org.jheartbeat.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jheartbeat}: the daemon's command with its subcommands. */
@Command(
    name = "jheartbeat",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "High-availability cluster daemon, compatible with Linux-HA Heartbeat 3.0.6:",
      "same /etc/ha.d files (ha.cf, authkeys, haresources), same UDP wire protocol,",
      "same tools. Called as cl_status, hb_standby or hb_takeover it behaves as those."
    },
    footer = {
      "",
      "For Heartbeat users:",
      "  heartbeat (the daemon)        -> jheartbeat daemon (jheartbeat.service)",
      "  /etc/init.d/heartbeat start|stop|status|reload",
      "                                -> jheartbeat start|stop|status|reload",
      "  cl_status, hb_standby, hb_takeover",
      "                                -> jheartbeat cl_status|hb_standby|hb_takeover,",
      "                                   or the links in /usr/lib/jheartbeat/bin",
      "Files: /etc/ha.d (ha.cf, authkeys mode 600, haresources, resource.d),",
      "/var/lib/heartbeat (hb_uuid, hb_generation: shared with Heartbeat),",
      "/run/heartbeat (pid file, control socket).",
      "Environment: JHEARTBEAT_JAVA_OPTS (JVM options), JHEARTBEAT_RUN_DIR (--run-dir).",
      "'jheartbeat COMMAND --help' tells more about each command."
    },
    subcommands = {
      CheckConfigCommand.class,
      DirectivesCommand.class,
      DecodeCommand.class,
      PropagateCommand.class,
      DaemonCommand.class,
      DemoCommand.class,
      ServiceCommands.Start.class,
      ServiceCommands.Stop.class,
      ServiceCommands.Status.class,
      ServiceCommands.Reload.class,
      ClStatusCommand.class,
      HbStandbyCommand.class,
      HbTakeoverCommand.class,
      CommandLine.HelpCommand.class
    })
public final class JheartbeatCommand implements Runnable {
  @Spec CommandSpec spec;

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new JheartbeatCommand());
    ClStatusCommand.configure(cli.getSubcommands().get(ClStatusCommand.NAME));
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
