package org.jheartbeat.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jheartbeat.e2e.ClusterNode;

/**
 * Stamps the moment a line matching a pattern appears in a node's log, written after the watch
 * began: a thread re-reads the log every {@value #POLL_MS} ms. Both daemons' log lines carry only
 * whole seconds (Heartbeat's format), so the time a line is seen is the detection time the
 * benchmark uses, the same way for both. The thread ends at the first match or after its bound.
 */
final class LogWatch implements AutoCloseable {
  static final long POLL_MS = 5;

  private final Thread thread;
  private volatile Instant seen;

  private LogWatch(ClusterNode node, Pattern pattern, Duration atMost) {
    int offset = node.log().length();
    long end = System.nanoTime() + atMost.toNanos();
    thread = new Thread(() -> {
      while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
        String log = node.log();
        String fresh = log.length() >= offset ? log.substring(offset) : log;
        if (pattern.matcher(fresh).find()) {
          seen = Instant.now();
          return;
        }
        try {
          Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "log-watch-" + node.name());
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts watching {@code node}'s log for {@code regex} (find semantics, multi-line) for at most {@code atMost}. */
  static LogWatch start(ClusterNode node, String regex, Duration atMost) {
    return new LogWatch(node, Pattern.compile(regex, Pattern.MULTILINE), atMost);
  }

  /** When the line was seen; empty until then. */
  Optional<Instant> seen() {
    return Optional.ofNullable(seen);
  }

  /** Waits (at most {@code atMost}) for the line; empty if it did not come. */
  Optional<Instant> await(Duration atMost) {
    try {
      thread.join(Math.max(1, atMost.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return seen();
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
