package org.jheartbeat.runtime;

/** Lifecycle of a long-lived service, advanced only forwards by compare-and-set. */
public enum Lifecycle {
  LATENT,
  RUNNING,
  STOPPING,
  STOPPED
}
