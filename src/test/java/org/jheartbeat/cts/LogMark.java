package org.jheartbeat.cts;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.jheartbeat.e2e.ClusterNode;

/** A position in a node's log: the lines written after it, and waiting for one of them. */
record LogMark(ClusterNode node, int offset) {
  /** How often {@link #await} re-reads the log: the resolution of the detection times. */
  static final long POLL_MS = 50;

  /** The end of the node's log now. */
  static LogMark of(ClusterNode node) {
    return new LogMark(node, node.log().length());
  }

  String since() {
    String log = node.log();
    return log.length() >= offset ? log.substring(offset) : log;
  }

  /**
   * Polls the log every {@value #POLL_MS} ms until a line after the mark matches {@code regex};
   * returns the moment the line was first seen (the detection measurements' clock).
   */
  Instant await(String regex, Duration atMost) {
    Pattern p = Pattern.compile(regex);
    Awaitility.await(node.name() + " log ~ /" + regex + "/").atMost(atMost)
        .pollInterval(Duration.ofMillis(POLL_MS)).pollDelay(Duration.ZERO)
        .until(() -> since().lines().anyMatch(l -> p.matcher(l).find()));
    return Instant.now();
  }

  boolean contains(String regex) {
    Pattern p = Pattern.compile(regex);
    return since().lines().anyMatch(l -> p.matcher(l).find());
  }
}
