package org.jheartbeat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jheartbeat.config.ConfigLoader;
import org.jheartbeat.config.ConfigReport;
import org.jheartbeat.config.LocalNode;
import org.jheartbeat.platform.SystemProcessRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jheartbeat propagate}: Heartbeat's ha_propagate, done safely. */
@Command(name = "propagate", mixinStandardHelpOptions = true,
    header = "Copy ha.cf, authkeys and haresources to the other nodes (ha_propagate).",
    description = {
      "Copy ha.cf, authkeys and haresources (and monitors, if present) from this node's",
      "configuration directory to every other node of ha.cf with scp -p (modes kept; authkeys",
      "forced to 600), after checking that the files are valid. A node whose files differ from ours is refused unless --force: its",
      "files may be the newer ones. Nodes already up to date are left alone.",
      "Needs ssh access as root to each node by its node name (use --ssh-option for keys,",
      "ports or users). Exit status: 0 every node up to date or copied, 1 otherwise."
    })
public final class PropagateCommand implements Callable<Integer> {
  @Mixin NodeOptions options;

  @Option(names = "--dry-run", description = "Say what would be copied; copy nothing.")
  boolean dryRun;

  @Option(names = "--force", description = "Overwrite nodes whose files differ from ours.")
  boolean force;

  @Option(names = "--remote-dir", paramLabel = "DIR", description = "Where the files go on the other nodes (default: the same directory as here).")
  Path remoteDir;

  @Option(names = "--ssh-option", paramLabel = "OPT", description = "Extra option for ssh and scp, e.g. -oPort=2222 (repeatable).")
  List<String> sshOptions = new ArrayList<>();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ConfigReport report = ConfigLoader.load(options.configPaths(), LocalNode.required(options.nodeName()));
    if (!report.valid()) {
      report.problems().forEach(p -> out.println(p.format()));
      out.println("not propagating an invalid configuration");
      return 1;
    }
    List<String> others = report.config().orElseThrow().haCf().nodes().stream()
        .filter(n -> !n.equals(report.config().orElseThrow().haCf().localNode())).toList();
    Path target = remoteDir != null ? remoteDir : options.configDir.toAbsolutePath();
    int bad = 0;
    try (SystemProcessRunner runner = new SystemProcessRunner()) {
      Propagator propagator = new Propagator(runner, sshOptions, out);
      for (String node : others) {
        Propagator.Outcome o = propagator.propagate(options.configDir, node, target, dryRun, force);
        if (o == Propagator.Outcome.REFUSED || o == Propagator.Outcome.FAILED) {
          bad++;
        }
      }
    }
    out.flush();
    return bad == 0 ? 0 : 1;
  }
}
