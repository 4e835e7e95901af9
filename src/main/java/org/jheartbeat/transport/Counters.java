package org.jheartbeat.transport;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The counters behind {@link MediumStats} plus rate-limited error logging: at most one WARN per
 * medium and direction every {@link #LOG_INTERVAL_NANOS}, carrying how many errors were not
 * logged in between, so a dead interface cannot flood the log at keepalive rate.
 */
final class Counters {
  static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final AtomicLong packetsSent = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong sendErrors = new AtomicLong();
  private final AtomicLong packetsReceived = new AtomicLong();
  private final AtomicLong bytesReceived = new AtomicLong();
  private final AtomicLong receiveErrors = new AtomicLong();
  private final AtomicLong lastSendLog = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastReceiveLog = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong suppressedSend = new AtomicLong();
  private final AtomicLong suppressedReceive = new AtomicLong();

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
    rateLimited(log, lastSendLog, suppressedSend, "{}: send failed: {} ({} similar errors not logged)", medium, what);
  }

  void receiveError(Logger log, String medium, String what) {
    receiveErrors.incrementAndGet();
    rateLimited(log, lastReceiveLog, suppressedReceive, "{}: receive failed: {} ({} similar errors not logged)", medium, what);
  }

  /** Counts a datagram the medium's filter rejected; logged at debug only. */
  void rejected() {
    receiveErrors.incrementAndGet();
  }

  private static void rateLimited(
      Logger log, AtomicLong last, AtomicLong suppressed, String format, String medium, String what) {
    long now = System.nanoTime();
    long prev = last.get();
    if (prev == Long.MIN_VALUE || now - prev >= LOG_INTERVAL_NANOS) {
      if (last.compareAndSet(prev, now)) {
        log.warn(format, medium, what, suppressed.getAndSet(0));
        return;
      }
    }
    suppressed.incrementAndGet();
  }

  MediumStats snapshot() {
    return new MediumStats(packetsSent.get(), bytesSent.get(), sendErrors.get(),
        packetsReceived.get(), bytesReceived.get(), receiveErrors.get());
  }
}
