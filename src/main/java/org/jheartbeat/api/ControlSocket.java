package org.jheartbeat.api;

import java.nio.file.Path;

/**
 * The local control socket through which {@code cl_status}, {@code hb_standby} and
 * {@code hb_takeover} talk to the daemon: a Unix stream socket in the runtime directory
 * (Heartbeat used a FIFO and an IPC socket in the same places).
 *
 * <p>Protocol: the client sends one request line, the tool name and its arguments separated by
 * tabs; the daemon answers with output lines, each prefixed {@code out\t} or {@code err\t},
 * then a final {@code rc\tN} line carrying the tool's exit status.
 */
public final class ControlSocket {
  public static final String FILE_NAME = "jheartbeat.sock";
  public static final Path DEFAULT_RUN_DIR = Path.of("/run/heartbeat");

  private ControlSocket() {}

  public static Path in(Path runDir) {
    return runDir.resolve(FILE_NAME);
  }
}
