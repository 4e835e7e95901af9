package org.jheartbeat.sim;

import java.time.Duration;
import java.util.Random;

/**
 * One kind of fault the simulation injects. To add a kind: implement this (usually as a lambda
 * in {@link Faults#ALL}), draw every random choice from the {@code Random} passed in (never
 * another source, or replay from the seed breaks), schedule the end of a temporary fault with
 * {@link SimWorld#later}, and give the time the cluster needs to serve every group again after
 * it (the liveness invariants wait that long after the fault, and after its end, before they
 * count anything).
 */
interface Fault {
  String name();

  /** Injects the fault now; returns what it did, for the trace, or null when it does not apply now. */
  String inject(SimWorld world, Random random);

  /** How long after this fault (or its end) a group may still be unserved or doubly served. */
  Duration recovery();
}
