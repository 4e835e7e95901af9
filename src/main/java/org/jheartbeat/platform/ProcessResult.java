package org.jheartbeat.platform;

import java.time.Duration;

/**
 * How a command ended. {@code exitCode} is the process's exit status as the JDK reports it
 * (128+signal for a process killed by a signal); when {@code timedOut} the process tree was
 * killed at the time limit and the exit code only tells which signal ended it. Output is kept up
 * to a bound per stream; the bytes beyond it are counted in {@code stdoutDropped} /
 * {@code stderrDropped}.
 */
public record ProcessResult(
    int exitCode,
    boolean timedOut,
    Duration duration,
    String stdout,
    String stderr,
    long stdoutDropped,
    long stderrDropped) {

  /** Exit status of a command that was not found (POSIX shell convention, also setsid(1)). */
  public static final int EXIT_NOT_FOUND = 127;

  /** Exit status of a command found but not executable (POSIX shell convention). */
  public static final int EXIT_CANNOT_EXECUTE = 126;

  /** Exited by itself with status 0. */
  public boolean succeeded() {
    return !timedOut && exitCode == 0;
  }

  /** A result for a command that never started. */
  public static ProcessResult notStarted(int exitCode, String reason) {
    return new ProcessResult(exitCode, false, Duration.ZERO, "", reason, 0, 0);
  }
}
