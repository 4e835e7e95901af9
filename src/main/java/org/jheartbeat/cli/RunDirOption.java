package org.jheartbeat.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a running daemon keeps its pid file and control socket, for the commands that reach it. */
final class RunDirOption {
  @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "${env:JHEARTBEAT_RUN_DIR:-/run/heartbeat}",
      description = "The daemon's runtime directory: pid file, control socket (default: ${DEFAULT-VALUE}; env JHEARTBEAT_RUN_DIR).")
  Path dir;
}
