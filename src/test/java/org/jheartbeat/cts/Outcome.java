package org.jheartbeat.cts;

import org.jheartbeat.e2e.ClusterNode;

/**
 * What a test did and the state it must leave: {@code choice} is the seeded draw in words
 * ({@code victim=orasrv2 pause=3412ms}); {@code owner} the node that must hold the group alone
 * (null: nobody, both daemons down); {@code detectionMs} from the fault to the peer's
 * {@code node X: is dead} line (null when the test detects nothing); {@code outageMs} what the
 * client saw of the fault (null when the service was not meant to move).
 */
record Outcome(String choice, ClusterNode owner, Long detectionMs, Long outageMs) {
  static Outcome of(String choice, ClusterNode owner) {
    return new Outcome(choice, owner, null, null);
  }
}
