package org.jheartbeat.config;

/**
 * The effective timers of ha.cf in milliseconds, defaults and derived values filled in
 * (spec membership §2 and §4.1).
 */
public record Timing(
    long keepaliveMs, long deadtimeMs, long warntimeMs, long initdeadMs, long deadpingMs) {

  /** Heartbeat's default warntime: half the dead time. */
  public static long defaultWarntime(long deadtimeMs) {
    return deadtimeMs / 2;
  }

  /**
   * Heartbeat's default initdead: the dead time when it is above 10 s, 12 s when it is below
   * 6 s, twice the dead time otherwise, so that a cluster booting together has time to find
   * itself before anyone is declared dead.
   */
  public static long defaultInitdead(long deadtimeMs) {
    if (deadtimeMs > 10_000) {
      return deadtimeMs;
    }
    if (deadtimeMs < 6_000) {
      return 12_000;
    }
    return 2 * deadtimeMs;
  }
}
