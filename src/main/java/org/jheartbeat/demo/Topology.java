package org.jheartbeat.demo;

/** What differs between the demo's topologies in the story: how a node crashes and comes back. */
interface Topology {
  /** The crash, as printed: e.g. {@code kill -9 PID}. */
  String crashText(DemoNode node);

  /** Crashes the node (bounded). */
  void crash(DemoNode node) throws InterruptedException;

  /** Makes a crashed node able to start again (power back on). */
  default void revive(DemoNode node) {}
}
