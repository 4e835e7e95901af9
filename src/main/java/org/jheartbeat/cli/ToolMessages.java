package org.jheartbeat.cli;

import java.io.PrintWriter;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jheartbeat.platform.NodeName;

/**
 * Error lines of the Heartbeat tools in the form Heartbeat's own print on stderr, so that
 * scripts matching them keep working: {@code Nov 24 17:25:05 host cl_status: [6760]: ERROR: …}.
 */
final class ToolMessages {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH);

  private ToolMessages() {}

  static void error(PrintWriter err, String tool, String text) {
    String host;
    try {
      host = NodeName.local();
    } catch (IllegalStateException e) {
      host = "localhost";
    }
    err.printf("%s %s %s: [%d]: ERROR: %s%n",
        STAMP.format(ZonedDateTime.now()), host, tool, ProcessHandle.current().pid(), text);
    err.flush();
  }
}
