package org.jheartbeat.resources;

import java.util.regex.Pattern;

/**
 * Heartbeat's rule for a resource script's {@code status} (spec membership §4.3): only the stdout
 * text counts, matched like the shell {@code case} of ResourceManager. Output matching
 * {@code *[Nn][Oo][Tt] *[Rr]unning*} means not running; otherwise output containing
 * {@code running}, {@code Running} or {@code OK} means running; anything else (including no
 * output) means not running. The exit code is ignored; case globs match across lines.
 */
public final class StatusText {
  private static final Pattern NOT_RUNNING = Pattern.compile("[Nn][Oo][Tt] .*[Rr]unning", Pattern.DOTALL);
  private static final Pattern RUNNING = Pattern.compile("running|Running|OK");

  private StatusText() {}

  public static boolean saysRunning(String stdout) {
    if (NOT_RUNNING.matcher(stdout).find()) {
      return false;
    }
    return RUNNING.matcher(stdout).find();
  }
}
