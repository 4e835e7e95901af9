package org.jheartbeat.resources;

/**
 * The normalised outcome of one agent run (HOUSE-STYLE habit 6, after Pacemaker's results.h).
 * Heartbeat v1 only distinguishes exit 0 from anything else for start/stop, and judges status by
 * its stdout text alone (spec membership §4.3), so the LSB/OCF codes below are kept for the log,
 * not for decisions.
 */
public enum AgentResult {
  /** start/stop exited 0: LSB "success", OCF_SUCCESS (0). */
  SUCCESS,
  /** status output says running (Heartbeat's text rule; the exit code is ignored). */
  RUNNING,
  /** status output says not running, or says nothing Heartbeat recognises. */
  STOPPED,
  /**
   * start/stop exited non-zero: LSB 1 generic error (OCF_ERR_GENERIC), 2 invalid arguments
   * (OCF_ERR_ARGS), 3 unimplemented (OCF_ERR_UNIMPLEMENTED), 4 insufficient privilege
   * (OCF_ERR_PERM), 6 not configured (OCF_ERR_CONFIGURED), 7 not running (OCF_NOT_RUNNING).
   */
  FAILED,
  /**
   * The script is missing or cannot be executed: LSB/OCF 5 "not installed" (OCF_ERR_INSTALLED),
   * or the shell conventions 126 (cannot execute) and 127 (not found).
   */
  NOT_INSTALLED,
  /** The run exceeded its time limit; its process tree was killed. */
  TIMED_OUT;

  /** LSB "program is not installed" (LSB Core, Init Script Actions), OCF_ERR_INSTALLED. */
  public static final int LSB_NOT_INSTALLED = 5;

  /** The result of a start or stop that exited with {@code exitCode}. */
  public static AgentResult ofExitCode(int exitCode) {
    return switch (exitCode) {
      case 0 -> SUCCESS;
      case LSB_NOT_INSTALLED, 126, 127 -> NOT_INSTALLED;
      default -> FAILED;
    };
  }

  public boolean ok() {
    return this == SUCCESS;
  }
}
