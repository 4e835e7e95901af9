package org.jheartbeat.resources;

import java.time.Duration;
import java.util.function.Consumer;
import org.jheartbeat.config.ResourceSpec;

/**
 * Runs one monitor check of a resource (the daemon passes {@link ScriptProbe}). The call returns at
 * once; the result is delivered later, on the event loop, to the callback. A check reports three
 * states, not two (HOUSE-STYLE habit 7): running, not running, or an error (timed out, could not
 * run, or an answer that is neither).
 */
@FunctionalInterface
public interface MonitorProbe {
  void check(ResourceSpec resource, Duration timeout, Consumer<Result> done);

  /** The outcome of a check. */
  enum Verdict {
    RUNNING,
    NOT_RUNNING,
    ERROR;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * One check's verdict, with the exit status ({@code -1} when no process ran or it was killed)
   * and its output on one line, for the log and the status page.
   */
  record Result(Verdict verdict, int rc, String output) {
    public boolean running() {
      return verdict == Verdict.RUNNING;
    }
  }
}
