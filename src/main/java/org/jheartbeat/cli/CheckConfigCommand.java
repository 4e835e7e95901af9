package org.jheartbeat.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.jheartbeat.config.ClusterConfig;
import org.jheartbeat.config.ConfigDump;
import org.jheartbeat.config.ConfigLoader;
import org.jheartbeat.config.ConfigReport;
import org.jheartbeat.config.LocalNode;
import org.jheartbeat.config.LogSettings;
import org.jheartbeat.config.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jheartbeat check-config}: validates ha.cf, authkeys, haresources and the optional
 * monitors file the way the daemon will at start, reporting every problem as {@code FILE:LINE: message}.
 */
@Command(
    name = "check-config",
    header = "Check ha.cf, authkeys and haresources; report every problem.",
    mixinStandardHelpOptions = true,
    description = {
      "Check ha.cf, authkeys and haresources and report every problem, one per line:",
      "  FILE:LINE: message            an error: Heartbeat would not start (nor will jheartbeat)",
      "  FILE:LINE: warning: message   worth a look, but not fatal",
      "(FILE: message, without a line, concerns the file as a whole.)",
      "Checks Heartbeat's own rules (deadtime > 2 x keepalive, initdead >= deadtime, a node,",
      "a medium and an auth key, authkeys mode 600, haresources nodes, ...) and says which",
      "directives jheartbeat accepts but does not act on. The optional monitors file",
      "(jheartbeat's resource monitoring) is checked against haresources.",
      "Exit status: 0 valid (warnings allowed), 1 invalid, 2 bad command line.",
      "Heartbeat checked its files only when starting; 'jheartbeat start' and the daemon run "
          + "this same check first, so run it after each edit of /etc/ha.d (then 'reload')."
    })
public final class CheckConfigCommand implements Callable<Integer> {
  @Mixin NodeOptions options;

  @Option(names = "--dump", description = "Print the effective configuration, every default filled in.")
  boolean dump;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String node = options.nodeName();
    // A node named on the command line must be in ha.cf; this machine's own name need not be,
    // since the files may be checked before they are copied to the nodes.
    LocalNode local = options.node != null ? LocalNode.required(node) : LocalNode.advisory(node);
    ConfigReport report = ConfigLoader.load(options.configPaths(), local);
    for (Problem p : report.problems()) {
      err.println(p.format());
    }
    if (!report.valid()) {
      err.printf("%s: configuration is invalid: %d error(s), %d warning(s)%n",
          options.configDir, report.errors().size(), report.warnings().size());
      return 1;
    }
    ClusterConfig config = report.config().orElseThrow();
    if (!dump) {
      out.printf("%s: configuration is valid (%d warning(s))%n",
          options.configDir, report.warnings().size());
      return 0;
    }
    out.print(ConfigDump.render(config));
    out.println();
    out.println("## node paths");
    LogSettings log = config.haCf().logging();
    out.println("# state dir  " + options.stateDir);
    out.println("# run dir    " + options.runDir);
    out.println("# logfile    " + (options.logFile != null ? options.logFile : log.logFile().orElse("(none)")));
    out.println("# debugfile  " + (options.debugFile != null ? options.debugFile : log.debugFile().orElse("(none)")));
    out.println("# syslog     " + log.facility().orElse("(none)"));
    return 0;
  }
}
