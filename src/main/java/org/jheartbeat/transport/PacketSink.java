package org.jheartbeat.transport;

/**
 * Where a medium's receive thread hands each packet (HOUSE-STYLE concurrency model: the receive
 * thread decodes/authenticates and posts to the event loop; it never touches cluster state).
 * Implementations must not block for long and must not throw; a throwing sink is logged and the
 * medium keeps receiving.
 */
@FunctionalInterface
public interface PacketSink {
  void received(Packet packet);
}
