package org.jheartbeat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.jheartbeat.api.ControlAccess;
import org.jheartbeat.api.ControlClient;
import org.jheartbeat.api.ControlSocket;

/**
 * Sends one tool request to the local daemon and prints its answer; how a failure to reach the
 * daemon is reported is the tool's choice, so it is passed in.
 */
final class DaemonRequest {
  /** Exit statuses of Heartbeat's cl_status, which the other tools reuse. */
  static final int EXIT_FAILURE = 1;
  static final int EXIT_TIMEOUT = 12;
  static final int EXIT_UNKNOWN = 13;

  interface NotRunning {
    int report(Path socket);
  }

  private DaemonRequest() {}

  static int send(String tool, List<String> args, Path runDir, PrintWriter out, PrintWriter err,
      NotRunning notRunning) {
    Path socket = ControlSocket.in(runDir);
    ControlClient.Outcome outcome =
        new ControlClient(socket, ControlClient.DEFAULT_TIMEOUT).request(tool, args);
    if (outcome.reply().isPresent()) {
      ControlClient.Reply reply = outcome.reply().get();
      for (ControlClient.Line line : reply.lines()) {
        (line.error() ? err : out).println(line.text());
      }
      out.flush();
      err.flush();
      return reply.exitCode();
    }
    return switch (outcome.failure().orElseThrow()) {
      case NOT_RUNNING -> notRunning.report(socket);
      case DENIED -> {
        ToolMessages.error(err, tool, "Cannot signon with heartbeat");
        ToolMessages.error(err, tool, "REASON: permission denied on " + socket
            + ": only root and members of group " + ControlAccess.GROUP + " may use it");
        yield EXIT_FAILURE;
      }
      case TIMEOUT -> {
        ToolMessages.error(err, tool, "Timed out waiting for heartbeat on " + socket);
        yield EXIT_TIMEOUT;
      }
      case PROTOCOL -> {
        ToolMessages.error(err, tool, "Unexpected answer from heartbeat on " + socket);
        yield EXIT_UNKNOWN;
      }
    };
  }
}
