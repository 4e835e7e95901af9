package org.jheartbeat.platform.logging;

import ch.qos.logback.classic.LoggerContext;

/**
 * The daemon's hold on its configured logging; closing it writes out and closes every target.
 *
 * <p>Logback's own JVM shutdown hook is deliberately not installed: it could stop logging while the daemon's
 * shutdown is still releasing resources, losing exactly the lines an operator needs after a failover. The daemon
 * closes this handle as its very last step instead. Closing twice is harmless.
 */
public final class LoggingHandle implements AutoCloseable {

  private final LoggerContext context;

  LoggingHandle(LoggerContext context) {
    this.context = context;
  }

  /** Stops all appenders, flushing and closing the log files. */
  @Override
  public void close() {
    context.stop();
  }
}
