package org.jheartbeat.resources;

/** What this node knows of one resource group, for status displays. */
public enum GroupState {
  STOPPED,
  STARTING,
  RUNNING,
  STOPPING,
  FAILED;

  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
