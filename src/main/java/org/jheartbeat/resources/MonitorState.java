package org.jheartbeat.resources;

/** Where the monitoring of one resource stands on this node, for status displays. */
public enum MonitorState {
  /** The resource's group does not run here: nothing is checked. */
  INACTIVE,
  /** The group runs here; the first check has not answered yet. */
  PENDING,
  /** The last check said running. */
  OK,
  /** The last check failed and no recovery runs (on-fail=ignore, or recovery impossible). */
  FAILED,
  /** A restart or a failover after a failed check is under way. */
  RECOVERING;

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
