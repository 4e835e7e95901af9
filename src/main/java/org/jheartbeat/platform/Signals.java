package org.jheartbeat.platform;

import sun.misc.Signal;

/**
 * POSIX signals for the daemon. The JVM turns SIGHUP into a shutdown by default, which would
 * make {@code reload} kill Heartbeat's replacement, so the daemon installs handlers that only
 * post an event to its loop. {@code sun.misc.Signal} is the JDK's supported way (module
 * jdk.unsupported) to do this.
 */
public final class Signals {
  private Signals() {}

  /** Calls {@code handler} on a JVM signal thread each time {@code name} (e.g. "HUP") arrives. */
  public static void on(String name, Runnable handler) {
    Signal.handle(new Signal(name), signal -> handler.run());
  }
}
