package org.jheartbeat.sim;

import java.util.function.Consumer;

/**
 * A property checked after every simulation step (every {@link SimWorld#STEP} of virtual time and
 * after every fault). To add one: implement this in {@link Invariants} (an instance lives for one
 * run, so it may keep state such as "since when"), read the world through its accessors, and
 * report each violation once per episode through {@code violation}, in words that say which
 * group or node and what was expected. Immediate properties (a forged message acted on, an
 * exception out of a loop) are reported by the world as they happen instead.
 */
interface Invariant {
  void check(SimWorld world, Consumer<String> violation);
}
