package org.jheartbeat.config;

/**
 * ha.cf {@code auto_failback}: whether a group moves back to its preferred node when that node
 * returns. {@code LEGACY} is Heartbeat's default and deprecated pre-nice_failback behaviour.
 */
public enum AutoFailback {
  ON,
  OFF,
  LEGACY;

  static AutoFailback fromConfig(String word) {
    return switch (word) {
      case "on", "true" -> ON;
      case "off", "false" -> OFF;
      default -> LEGACY;
    };
  }
}
