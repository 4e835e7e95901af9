package org.jheartbeat.transport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.LogThrottle;
import org.slf4j.Logger;

/**
 * The counters behind {@link MediumStats} plus rate-limited error logging: at most one WARN per
 * medium and direction every {@link #LOG_INTERVAL}, carrying how many errors were not
 * logged in between, so a dead interface cannot flood the log at keepalive rate ({@link
 * LogThrottle} on the given clock; the media pass {@link Clock#SYSTEM}).
 */
final class Counters {
  static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

  private final AtomicLong packetsSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong sendErrors = new AtomicLong();
  private final AtomicLong packetsReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong receiveErrors = new AtomicLong();
  private final LogThrottle sendLog;
  private final LogThrottle receiveLog;

  Counters(Clock clock) {
    this.sendLog = new LogThrottle(clock, LOG_INTERVAL);
    this.receiveLog = new LogThrottle(clock, LOG_INTERVAL);
  }

  void sent(int bytes) {
    packetsSent.incrementAndGet();
    bytesSent.addAndGet(bytes);
  }

  void received(int bytes) {
    packetsReceived.incrementAndGet();
    bytesReceived.addAndGet(bytes);
  }

  void sendError(Logger log, String medium, String what) {
    sendErrors.incrementAndGet();
    rateLimited(log, sendLog, "{}: send failed: {} ({} similar errors not logged)", medium, what);
  }

  void receiveError(Logger log, String medium, String what) {
    receiveErrors.incrementAndGet();
    rateLimited(log, receiveLog, "{}: receive failed: {} ({} similar errors not logged)", medium, what);
  }

  /** Counts a datagram the medium's filter rejected; logged at debug only. */
  void rejected() {
    receiveErrors.incrementAndGet();
  }

  private static void rateLimited(Logger log, LogThrottle throttle, String format, String medium, String what) {
    if (throttle.shouldLog()) {
      log.warn(format, medium, what, throttle.takeSuppressed());
    }
  }

  MediumStats snapshot() {
    return new MediumStats(packetsSent.get(), bytesSent.get(), sendErrors.get(),
        packetsReceived.get(), bytesReceived.get(), receiveErrors.get());
  }
}
