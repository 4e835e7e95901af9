package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem found in a configuration file, located by file and line.
 *
 * <p>Line numbers start at 1. Line 0 means the problem concerns the file as a whole (missing,
 * unreadable, unsafe mode, or a required directive that appears nowhere); it is printed as
 * {@code FILE: message}, the way compilers report file-level errors.
 */
public record Problem(Path file, int line, Severity severity, String message) {

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0: " + line);
    }
  }

  public static Problem error(Path file, int line, String message) {
    return new Problem(file, line, Severity.ERROR, message);
  }

  public static Problem warning(Path file, int line, String message) {
    return new Problem(file, line, Severity.WARNING, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** {@code FILE:LINE: message} for errors, {@code FILE:LINE: warning: message} for warnings. */
  public String format() {
    return where() + ": " + (isError() ? "" : "warning: ") + message;
  }

  /** {@code FILE:LINE: message}, for logs whose lines already carry a level. */
  public String located() {
    return where() + ": " + message;
  }

  private String where() {
    return line > 0 ? file + ":" + line : file.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
