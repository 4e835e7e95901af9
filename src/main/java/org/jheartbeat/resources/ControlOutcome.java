package org.jheartbeat.resources;

/**
 * The answer to an {@code hb_standby}/{@code hb_takeover} request on the local control socket:
 * the text the tool prints and its exit code (0 = request sent, 1 = refused).
 */
public record ControlOutcome(int exitCode, String text) {
  public static ControlOutcome sent(String text) {
    return new ControlOutcome(0, text);
  }

  public static ControlOutcome refused(String text) {
    return new ControlOutcome(1, text);
  }

  public boolean accepted() {
    return exitCode == 0;
  }
}
