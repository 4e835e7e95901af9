package org.jheartbeat.cts;

import org.jheartbeat.e2e.ClusterNode;

/**
 * What a test did and the state it must leave: {@code choice} is the seeded draw in words
 * ({@code SIGSTOP orasrv2 for 3412ms}); {@code owner} the node that must hold the group alone
 * (null: nobody, both daemons down); {@code detectionMs} from the fault to the peer's
 * {@code node X: is dead} line (null when the test detects nothing); {@code recoveryMs} the
 * service's way back: the client's outage when the group moved, the time from the heal to a
 * single owner after a partition, the time to the first answer when the cluster started from
 * nothing (null when nothing was to recover).
 */
record Outcome(String choice, ClusterNode owner, Long detectionMs, Long recoveryMs) {
  static Outcome of(String choice, ClusterNode owner) {
    return new Outcome(choice, owner, null, null);
  }

  static Outcome measured(String choice, ClusterNode owner, Long detectionMs, Long recoveryMs) {
    return new Outcome(choice, owner, detectionMs, recoveryMs);
  }
}
