package org.jheartbeat.transport;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The fault plan of an {@link InMemoryNetwork}, in the spirit of JGroups' {@code DISCARD}/{@code
 * DELAY} protocols: per-direction drop probability, duplication, a random delay in ticks (which
 * reorders packets), symmetric partitions, one-directional blocks and cut links. Every random
 * choice comes from one {@link Random} seeded by the network, drawn in delivery order, so a run is
 * reproducible from its seed. Loop-back copies to the sender are never faulted (they never leave
 * the host). Like the network, confined to the simulation thread.
 */
public final class NetworkFaults {
  private final Random random;
  private double dropAll;
  private final Map<String, Double> dropDirected = new HashMap<>();
  private double duplicate;
  private int minDelay;
  private int maxDelay;
  private final Set<String> blocked = new HashSet<>();
  private final Set<String> cut = new HashSet<>();

  NetworkFaults(long seed) {
    this.random = new Random(seed);
  }

  /** Drops each packet to every receiver with probability {@code p}. */
  public NetworkFaults drop(double p) {
    dropAll = probability(p);
    return this;
  }

  /** Drops packets from {@code from} to {@code to} (one direction) with probability {@code p}. */
  public NetworkFaults drop(String from, String to, double p) {
    dropDirected.put(from + "\u0000" + to, probability(p));
    return this;
  }

  /** Delivers a second copy of a packet with probability {@code p}. */
  public NetworkFaults duplicate(double p) {
    duplicate = probability(p);
    return this;
  }

  /** Delays each copy by a uniform number of ticks in [min, max]; unequal delays reorder. */
  public NetworkFaults delay(int minTicks, int maxTicks) {
    if (minTicks < 0 || maxTicks < minTicks) {
      throw new IllegalArgumentException("delay " + minTicks + ".." + maxTicks);
    }
    minDelay = minTicks;
    maxDelay = maxTicks;
    return this;
  }

  /** Cuts every packet between the two groups, both ways. */
  public NetworkFaults partition(Collection<String> a, Collection<String> b) {
    for (String x : a) {
      for (String y : b) {
        block(x, y);
        block(y, x);
      }
    }
    return this;
  }

  /** Cuts packets from {@code from} to {@code to} only (asymmetric partition). */
  public NetworkFaults block(String from, String to) {
    blocked.add(from + "\u0000" + to);
    return this;
  }

  /** Takes one node's medium down: it neither sends to nor hears the others. */
  public NetworkFaults cut(String node, String medium) {
    cut.add(node + "\u0000" + medium);
    return this;
  }

  /** Ends partitions, blocks and cuts; keeps drop/duplicate/delay. */
  public NetworkFaults heal() {
    blocked.clear();
    cut.clear();
    return this;
  }

  /** Back to a perfect network. */
  public NetworkFaults clear() {
    heal();
    dropAll = 0;
    dropDirected.clear();
    duplicate = 0;
    minDelay = 0;
    maxDelay = 0;
    return this;
  }

  boolean blocked(String from, String to, String medium) {
    return blocked.contains(from + "\u0000" + to)
        || cut.contains(from + "\u0000" + medium) || cut.contains(to + "\u0000" + medium);
  }

  boolean dropNow(String from, String to) {
    double p = dropDirected.getOrDefault(from + "\u0000" + to, dropAll);
    return p > 0 && random.nextDouble() < p;
  }

  int copies() {
    return duplicate > 0 && random.nextDouble() < duplicate ? 2 : 1;
  }

  int delayTicks() {
    return maxDelay == minDelay ? minDelay : minDelay + random.nextInt(maxDelay - minDelay + 1);
  }

  private static double probability(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("probability " + p);
    }
    return p;
  }
}
