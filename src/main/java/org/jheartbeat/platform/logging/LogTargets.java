package org.jheartbeat.platform.logging;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the daemon's log lines go, as ha.cf's {@code logfile}, {@code debugfile}, {@code logfacility} and {@code
 * syslogmsgfmt} say.
 *
 * <p>{@code /dev/null} as a file means "disabled" and is normalised to empty here, so that no appender is created
 * and, above all, a {@code debugfile /dev/null} does not switch the whole daemon to debug level. {@code
 * echoToStderr} is for a foreground daemon that has no other target.
 *
 * @param logFile INFO and above, never debug
 * @param debugFile every level, plus stack traces
 * @param facility syslog facility; empty for {@code logfacility none} or unset
 * @param style line shape in the files and on stderr
 * @param hostName node name printed in {@link LineStyle#SYSLOG} lines
 * @param echoToStderr also write INFO and above to stderr
 */
public record LogTargets(
    Optional<Path> logFile,
    Optional<Path> debugFile,
    Optional<SyslogFacility> facility,
    LineStyle style,
    String hostName,
    boolean echoToStderr) {

  private static final Path DEV_NULL = Path.of("/dev/null");

  public LogTargets {
    logFile = withoutDevNull(Objects.requireNonNull(logFile, "logFile"));
    debugFile = withoutDevNull(Objects.requireNonNull(debugFile, "debugFile"));
    Objects.requireNonNull(facility, "facility");
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(hostName, "hostName");
  }

  /** True if no file or syslog target is set; a foreground daemon then echoes to stderr. */
  public boolean hasNoTarget() {
    return logFile.isEmpty() && debugFile.isEmpty() && facility.isEmpty();
  }

  private static Optional<Path> withoutDevNull(Optional<Path> file) {
    return file.filter(path -> !path.normalize().equals(DEV_NULL));
  }
}
