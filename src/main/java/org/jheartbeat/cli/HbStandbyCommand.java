package org.jheartbeat.cli;

import picocli.CommandLine.Command;

/** {@code hb_standby}: this node gives up the named resources to the other node. */
@Command(
    name = HbStandbyCommand.NAME,
    header = "Give resources up to the other node (hb_standby).",
    description = {
      "Give up resources to the other node, as Heartbeat's hb_standby does:",
      "  all       every resource group this node holds (default)",
      "  local     the groups whose haresources line names this node",
      "  foreign   the groups of the other node (failback is the same)",
      "Needs auto_failback on or off and a stable cluster, as in Heartbeat.",
      "Replaces /usr/share/heartbeat/hb_standby: with the jheartbeat package use "
          + "'jheartbeat hb_standby' or /usr/lib/jheartbeat/bin/hb_standby.",
      "Exit status: 0 accepted, 1 bad argument, daemon not running or request refused, 12 timeout."
    })
public final class HbStandbyCommand extends ResourceSetTool {
  static final String NAME = "hb_standby";

  @Override
  String toolName() {
    return NAME;
  }

  @Override
  String normalise(String set) {
    return set.equals("failback") ? "foreign" : set;
  }
}
