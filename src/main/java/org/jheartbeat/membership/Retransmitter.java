package org.jheartbeat.membership;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.Scheduler;

/**
 * Requester side of retransmission (spec wire §7.3): for each missing seq of a sender a timer
 * fires after a random delay in [50, max_rexmit_delay] ms ([0, max] when max &lt; 100); if the
 * seq is still wanted (still missing and the sender not dead) it sends one
 * {@code NS_rexmit firstseq=lastseq=seq} and re-arms for max_rexmit_delay, until the packet
 * arrives, the sender dies or its sequence state is reset. Our addition: all requests of this
 * node share one {@link RateBudget} ({@value #BURST} at once, then {@value #PER_SECOND} a second);
 * a timer that finds it spent re-arms without sending. Each request is broadcast, so without a
 * node-wide cap an overloaded N-node cluster, losing packets from every peer, sends requests in
 * proportion to N² times the loss, which overloads it further (the 32-node storm of
 * docs/benchmarks.md "Scale"). Answers to other nodes' requests are broadcast too and fill our
 * holes as well, so a capped requester still recovers. The random source is injected so that
 * simulations are reproducible.
 */
final class Retransmitter {
  static final int BURST = 50;
  static final int PER_SECOND = 10;

  /** The engine's side: whether a seq is still wanted, and how to ask for it. */
  interface Requests {
    boolean stillWanted(String node, long seq);

    void request(String node, long seq);

    /** A request was due but the node's budget was spent; it is tried again later. */
    void deferred();
  }

  private final Scheduler scheduler;
  private final RandomGenerator random;
  private final long maxDelayMs;
  private final Requests requests;
  private final RateBudget budget;
  private final Map<String, Map<Long, Scheduler.Cancellable>> timers = new HashMap<>();

  Retransmitter(Scheduler scheduler, Clock clock, RandomGenerator random, long maxDelayMs, Requests requests) {
    this.scheduler = scheduler;
    this.budget = new RateBudget(clock, BURST, Duration.ofSeconds(1).dividedBy(PER_SECOND));
    this.random = random;
    this.maxDelayMs = maxDelayMs;
    this.requests = requests;
  }

  void missing(String node, long seq) {
    long low = maxDelayMs < 100 ? 0 : 50;
    long delay = low >= maxDelayMs ? maxDelayMs : random.nextLong(low, maxDelayMs + 1);
    arm(node, seq, delay);
  }

  private void arm(String node, long seq, long delayMs) {
    Scheduler.Cancellable c = scheduler.schedule(Duration.ofMillis(delayMs), () -> fire(node, seq));
    Scheduler.Cancellable old = timers.computeIfAbsent(node, k -> new HashMap<>()).put(seq, c);
    if (old != null) {
      old.cancel();
    }
  }

  private void fire(String node, long seq) {
    Map<Long, Scheduler.Cancellable> byNode = timers.get(node);
    if (byNode != null) {
      byNode.remove(seq);
    }
    if (!requests.stillWanted(node, seq)) {
      return;
    }
    if (budget.tryTake()) {
      requests.request(node, seq);
    } else {
      requests.deferred();
    }
    arm(node, seq, maxDelayMs);
  }

  void cancel(String node, long seq) {
    Map<Long, Scheduler.Cancellable> byNode = timers.get(node);
    if (byNode != null) {
      Scheduler.Cancellable c = byNode.remove(seq);
      if (c != null) {
        c.cancel();
      }
    }
  }

  void cancelAll(String node) {
    Map<Long, Scheduler.Cancellable> byNode = timers.remove(node);
    if (byNode != null) {
      byNode.values().forEach(Scheduler.Cancellable::cancel);
    }
  }

  void cancelAll() {
    timers.values().forEach(m -> m.values().forEach(Scheduler.Cancellable::cancel));
    timers.clear();
  }

  int pending() {
    return timers.values().stream().mapToInt(Map::size).sum();
  }
}
