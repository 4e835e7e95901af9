package org.jheartbeat.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Common part of {@code hb_standby} and {@code hb_takeover} (spec membership §8.2): one
 * optional argument, {@code all} (default), {@code foreign}, {@code local} or {@code failback},
 * checked as Heartbeat's scripts check it (exit 1 with a usage line), then sent to the daemon.
 */
abstract class ResourceSetTool implements Callable<Integer> {
  static final List<String> SETS = List.of("all", "foreign", "local", "failback");

  @Parameters(arity = "0..*", paramLabel = "all|foreign|local|failback",
      description = "Which resources (default: all).")
  List<String> words = List.of();

  @Mixin RunDirOption run;

  @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Spec CommandSpec spec;

  abstract String toolName();

  /** The set as sent to the daemon: hb_standby turns failback into foreign, hb_takeover does not. */
  abstract String normalise(String set);

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (words.size() >= 2) {
      out.println(toolName() + ": too many arguments");
      return usage(out, err);
    }
    String set = words.isEmpty() ? "all" : words.get(0);
    if (!SETS.contains(set)) {
      out.println(toolName() + ": wrong resources(" + set + ").");
      return usage(out, err);
    }
    return DaemonRequest.send(toolName(), List.of(normalise(set)), run.dir, out, err, socket -> {
      ToolMessages.error(err, toolName(), "Heartbeat is not running on this node: no jheartbeat daemon answers on " + socket);
      return DaemonRequest.EXIT_FAILURE;
    });
  }

  private int usage(PrintWriter out, PrintWriter err) {
    out.println("usage:");
    err.println(toolName() + " [all|foreign|local|failback]");
    return DaemonRequest.EXIT_FAILURE;
  }
}
