package org.jheartbeat.cts;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jheartbeat.e2e.ClusterNode;

/**
 * One test of the suite, as in Heartbeat's CTS: a name, the log lines it expects to cause (its
 * ignore list: an {@code ERROR:}/{@code CRIT:} line matching none of them fails the test), and
 * {@link #run} which draws its choices (node, durations, loss rate) from the seeded random,
 * brings the cluster to the state it starts from, injects the fault, waits for the expected
 * reaction and returns an {@link Outcome}: what it chose, the state the cluster must end in (the
 * {@link Audits} check it) and what it measured. A failed expectation throws.
 */
abstract class CtsTest {
  /** Lines every test may produce: the real daemon cannot lock its memory here (8 MB memlock limit). */
  static final List<Pattern> COMMON_IGNORE = List.of(Pattern.compile("Cannot lock ourselves into memory"));

  private final String name;
  private final Duration estimate;
  private final List<Pattern> ignore;

  /** @param estimate about how long the test takes on an idle machine, to fit a run into a time budget */
  protected CtsTest(String name, Duration estimate, String... ignore) {
    this.name = name;
    this.estimate = estimate;
    this.ignore = Stream.concat(COMMON_IGNORE.stream(), Stream.of(ignore).map(Pattern::compile)).toList();
  }

  final String name() {
    return name;
  }

  /** The patterns of ERROR/CRIT lines this test expects. */
  final List<Pattern> ignore() {
    return ignore;
  }

  final Duration estimate() {
    return estimate;
  }

  abstract Outcome run(CtsCluster c, Random rnd) throws Exception;

  /**
   * The start most tests share: the cluster brought to "both up, one owner", then one node drawn
   * at random (the test's first draw, so that a seed replays the same choices) and its peer.
   */
  record Draw(ClusterNode owner, ClusterNode node, ClusterNode peer) {
    boolean ownerDrawn() {
      return node == owner;
    }

    /** The drawn node's name, marked when it is the owner, for an outcome's choice. */
    String label() {
      return node.name() + (ownerDrawn() ? " (owner)" : "");
    }
  }

  static Draw draw(CtsCluster c, Random rnd) {
    ClusterNode owner = c.ensureBothUp();
    ClusterNode node = c.nodes().get(rnd.nextInt(2));
    return new Draw(owner, node, c.other(node));
  }

  /** A uniformly drawn duration from {@code minMs} to {@code maxMs} inclusive. */
  static Duration millis(Random rnd, long minMs, long maxMs) {
    return Duration.ofMillis(minMs + (long) rnd.nextInt((int) (maxMs - minMs + 1)));
  }

  /** Sleeps {@code d}; a zero or negative {@code d} (a deadline already passed) returns at once. */
  static void sleep(Duration d) {
    if (d.isNegative() || d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static long ms(java.time.Instant from, java.time.Instant to) {
    return Duration.between(from, to).toMillis();
  }
}
