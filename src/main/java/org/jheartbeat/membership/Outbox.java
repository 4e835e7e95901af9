package org.jheartbeat.membership;

import org.jheartbeat.wire.Message;

/**
 * Where the membership engine hands fully stamped messages for transmission on every medium
 * (encoding, authentication and sockets are the transport's job). Called on the event loop.
 * Every {@code status} message passes through here, which is the cue for ping media to send an
 * ICMP echo (spec wire §5.5).
 */
@FunctionalInterface
public interface Outbox {
  void send(Message fullyStamped);
}
