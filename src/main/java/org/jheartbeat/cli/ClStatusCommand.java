package org.jheartbeat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cl_status}: Heartbeat's status tool, with its sub-commands, output and exit statuses
 * (spec membership §8.1): 0 OK, 1 normal failure (node, link or daemon down), 11 bad
 * parameters or sub-command, 12 timeout, 13 unknown error. The answers come from the daemon.
 */
@Command(
    name = ClStatusCommand.NAME,
    description = {"Show the status of the cluster, as Heartbeat's cl_status does."},
    footer = {
      "",
      "Same sub-commands, output and exit statuses as Heartbeat's cl_status: 0 OK, 1 no "
          + "(node, link or daemon down), 11 bad sub-command or parameter, 12 timeout, "
          + "13 unknown error. The answers come from the local daemon's control socket.",
      "Debian's heartbeat package owns /usr/bin/cl_status: with the jheartbeat package use "
          + "'jheartbeat cl_status ...' or /usr/lib/jheartbeat/bin/cl_status."
    },
    synopsisHeading = "",
    customSynopsis = "Usage: cl_status <sub-command> [<options>] [<parameters>]",
    subcommands = {
      ClStatusCommand.Clientstatus.class,
      ClStatusCommand.Hblinkstatus.class,
      ClStatusCommand.Hbstatus.class,
      ClStatusCommand.Listnodes.class,
      ClStatusCommand.Listhblinks.class,
      ClStatusCommand.Nodestatus.class,
      ClStatusCommand.Nodeweight.class,
      ClStatusCommand.Nodesite.class,
      ClStatusCommand.Nodetype.class,
      ClStatusCommand.Rscstatus.class,
      ClStatusCommand.Hbparameter.class
    })
public final class ClStatusCommand implements Callable<Integer> {
  static final String NAME = "cl_status";
  static final int EXIT_BAD_PARAMETER = 11;

  @Option(names = "--run-dir", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
      defaultValue = "${env:JHEARTBEAT_RUN_DIR:-/run/heartbeat}",
      description = "Where the daemon's control socket is (default: ${DEFAULT-VALUE}).")
  Path runDir;

  @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Spec CommandSpec spec;

  static CommandLine commandLine() {
    return configure(new CommandLine(new ClStatusCommand()));
  }

  /** Heartbeat's cl_status answers a bad sub-command or parameter with exit status 11. */
  static CommandLine configure(CommandLine cli) {
    cli.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      if (ex instanceof CommandLine.UnmatchedArgumentException u
          && u.getCommandLine().getCommandSpec().userObject() instanceof ClStatusCommand
          && !u.getUnmatched().isEmpty()) {
        ToolMessages.error(err, NAME, u.getUnmatched().get(0) + ": invalid sub-command.");
      } else {
        ToolMessages.error(err, NAME, ex.getMessage());
        ex.getCommandLine().usage(err);
      }
      return EXIT_BAD_PARAMETER;
    });
    return cli;
  }

  @Override
  public Integer call() {
    // Heartbeat's cl_status prints its usage and exits 0 when given no sub-command.
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** Common part of the sub-commands: forward the sub-command line to the daemon. */
  abstract static class Sub implements Callable<Integer> {
    @ParentCommand ClStatusCommand parent;
    @Spec CommandSpec spec;

    @Option(names = "-m", description = "Human-readable output.")
    boolean human;

    abstract List<String> arguments();

    @Override
    public Integer call() {
      List<String> args = new ArrayList<>();
      args.add(spec.name());
      if (human) {
        args.add("-m");
      }
      args.addAll(arguments());
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      return DaemonRequest.send(NAME, args, parent.runDir, out, err, socket -> notRunning(out, err, socket));
    }

    int notRunning(PrintWriter out, PrintWriter err, Path socket) {
      ToolMessages.error(err, NAME, "Cannot signon with heartbeat");
      ToolMessages.error(err, NAME, "REASON: no jheartbeat daemon answers on " + socket);
      return DaemonRequest.EXIT_FAILURE;
    }
  }

  @Command(name = "hbstatus", description = "Indicate if heartbeat is running on the local system.")
  static final class Hbstatus extends Sub {
    @Option(names = "-v", description = "verbose: also add \"listnodes -v\" output") boolean verbose;

    List<String> arguments() {
      return verbose ? List.of("-v") : List.of();
    }

    @Override
    int notRunning(PrintWriter out, PrintWriter err, Path socket) {
      out.println("Heartbeat is stopped on this machine.");
      return DaemonRequest.EXIT_FAILURE;
    }
  }

  @Command(name = "listnodes", description = "List the nodes in the cluster.")
  static final class Listnodes extends Sub {
    @Option(names = "-p", description = "list only 'ping' type nodes") boolean ping;
    @Option(names = "-n", description = "list only 'normal' type nodes") boolean normal;
    @Option(names = "-v", description = "verbose: also list type and status") boolean verbose;

    List<String> arguments() {
      List<String> a = new ArrayList<>();
      if (ping) {
        a.add("-p");
      }
      if (normal) {
        a.add("-n");
      }
      if (verbose) {
        a.add("-v");
      }
      return a;
    }
  }

  /** A sub-command taking one node name. */
  abstract static class NodeSub extends Sub {
    @Parameters(index = "0", paramLabel = "<node-name>") String node;

    List<String> arguments() {
      return List.of(node);
    }
  }

  @Command(name = "nodestatus", description = "List the node status.")
  static final class Nodestatus extends NodeSub {}

  @Command(name = "nodetype", description = "List the nodes of a given type.")
  static final class Nodetype extends NodeSub {}

  @Command(name = "nodeweight", description = "List the node weight.")
  static final class Nodeweight extends NodeSub {}

  @Command(name = "nodesite", description = "List the node site.")
  static final class Nodesite extends NodeSub {}

  @Command(name = "listhblinks", description = "List the network interfaces used as heartbeat links.")
  static final class Listhblinks extends NodeSub {
    @Option(names = "-v", description = "verbose: list link status as well") boolean verbose;

    @Override
    List<String> arguments() {
      return verbose ? List.of("-v", node) : List.of(node);
    }
  }

  @Command(name = "hblinkstatus", description = "Show the status of a heartbeat link.")
  static final class Hblinkstatus extends Sub {
    @Parameters(index = "0", paramLabel = "<node-name>") String node;
    @Parameters(index = "1", paramLabel = "<link-name>") String link;

    List<String> arguments() {
      return List.of(node, link);
    }
  }

  @Command(name = "clientstatus", description = "Show the status of heartbeat clients.")
  static final class Clientstatus extends Sub {
    @Parameters(index = "0", paramLabel = "<node-name>") String node;
    @Parameters(index = "1", paramLabel = "<client-id>") String client;
    @Parameters(index = "2", arity = "0..1", paramLabel = "<timeout>") String timeout;

    List<String> arguments() {
      return timeout == null ? List.of(node, client) : List.of(node, client, timeout);
    }
  }

  @Command(name = "rscstatus", description = "Show the status of cluster resources.")
  static final class Rscstatus extends Sub {
    List<String> arguments() {
      return List.of();
    }
  }

  @Command(name = "hbparameter", description = "Retrieve the value of a cluster parameter (an ha.cf directive).")
  static final class Hbparameter extends Sub {
    @Option(names = "-p", required = true, paramLabel = "<parameter-name>") String parameter;

    List<String> arguments() {
      return List.of("-p", parameter);
    }
  }
}
