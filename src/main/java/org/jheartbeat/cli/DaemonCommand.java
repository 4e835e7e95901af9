package org.jheartbeat.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.jheartbeat.daemon.DaemonOptions;
import org.jheartbeat.daemon.HeartbeatDaemon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jheartbeat daemon}: run the cluster daemon in the foreground (Heartbeat's -f). */
@Command(name = "daemon",
    header = "Run the cluster daemon in the foreground.", mixinStandardHelpOptions = true,
    description = {
      "Run the cluster daemon in the foreground until SIGTERM (graceful stop) or SIGINT;",
      "SIGHUP re-reads the configuration. Logs go where ha.cf says (logfile, debugfile,",
      "logfacility). 'jheartbeat start' runs this in the background.",
      "Exit status: 0 after a clean stop, 1 on a start-up failure, 6 on a configuration error.",
      "",
      "This is the process Heartbeat's init script started as 'heartbeat'. The systemd unit "
          + "jheartbeat.service runs it as its ExecStart (Type=notify: READY=1 once the media are "
          + "open and the control socket answers; nothing is sent without NOTIFY_SOCKET).",
      "At start, resource groups left running by a killed daemon are released before the node "
          + "joins. On SIGTERM the daemon gives this node's resource groups up through their agents, "
          + "tells the other node, then exits: allow it as long as the agents' stop timeouts."
    })
public final class DaemonCommand implements Callable<Integer> {
  @Mixin NodeOptions options;

  @Option(names = "--builtin-ipaddr",
      description = {"Run IPaddr/IPaddr2 resources with jheartbeat's own address handling (ip addr",
          "+ gratuitous ARP at once) even where the resource-agents scripts are installed;",
          "without it the scripts are used when present."})
  boolean builtinIpaddr;

  @Option(names = "--bind-address", paramLabel = "ADDR",
      description = {"For demos and tests running several nodes on one host: receive (and send)",
          "the UDP media's packets on this local address instead of the wildcard address, so",
          "that each node's unicast reaches only it (e.g. 127.0.0.11 and 127.0.0.12 on lo)."})
  String bindAddress;

  @Override
  public Integer call() {
    return HeartbeatDaemon.run(new DaemonOptions(options.configPaths(), options.nodeName(),
        options.stateDir, options.runDir, Optional.ofNullable(options.logFile),
        Optional.ofNullable(options.debugFile), builtinIpaddr, Optional.ofNullable(bindAddress), "jheartbeat " + Version.current()));
  }
}
