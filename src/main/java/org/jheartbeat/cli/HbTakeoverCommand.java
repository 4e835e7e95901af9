package org.jheartbeat.cli;

import picocli.CommandLine.Command;

/** {@code hb_takeover}: this node takes the named resources from the other node. */
@Command(
    name = HbTakeoverCommand.NAME,
    header = "Take resources over from the other node (hb_takeover).",
    description = {
      "Take resources over from the other node, as Heartbeat's hb_takeover does:",
      "  all       every resource group (default)",
      "  local     the groups whose haresources line names this node",
      "  foreign   the groups of the other node",
      "The other node runs the matching hb_standby.",
      "Replaces /usr/share/heartbeat/hb_takeover: with the jheartbeat package use "
          + "'jheartbeat hb_takeover' or /usr/lib/jheartbeat/bin/hb_takeover.",
      "Exit status: 0 accepted, 1 bad argument, daemon not running or request refused, 12 timeout."
    })
public final class HbTakeoverCommand extends ResourceSetTool {
  static final String NAME = "hb_takeover";

  @Override
  String toolName() {
    return NAME;
  }

  @Override
  String normalise(String set) {
    // Heartbeat passes failback through unmapped; the other node treats it as all.
    return set;
  }
}
