package org.jheartbeat.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by Maven), or "development" when run from classes. */
public final class Version implements IVersionProvider {
  /** The Heartbeat release whose files, wire protocol and tools jheartbeat reproduces. */
  public static final String HEARTBEAT_COMPAT = "3.0.6";

  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "development" : v;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"jheartbeat " + current() + " (compatible with Heartbeat " + HEARTBEAT_COMPAT + ")"};
  }
}
