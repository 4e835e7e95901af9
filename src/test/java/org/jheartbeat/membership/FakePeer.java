package org.jheartbeat.membership;

import org.jheartbeat.runtime.Clock;
import org.jheartbeat.wire.Message;

/** A hand-driven peer: builds messages stamped as node {@code name} would stamp them. */
final class FakePeer {
  final String name;
  final ControlStamper stamper;

  FakePeer(String name, long generation, Clock clock, int tableSize) {
    this(name, TestConfigs.uuidOf(name), generation, clock, tableSize);
  }

  FakePeer(String name, byte[] uuid, long generation, Clock clock, int tableSize) {
    this.name = name;
    this.stamper = new ControlStamper(new LocalIdentity(name, uuid, generation),
        clock, () -> "0.00 0.00 0.00 1/1 1", () -> 1 + tableSize,
        n -> java.util.Optional.of(TestConfigs.uuidOf(n)));
  }

  Message status(String st) {
    return stamp(Message.builder().add("t", "status").add("st", st).add("dt", "2710")
        .add("protocol", "1").build());
  }

  Message app(int n) {
    return stamp(Message.builder().add("t", "app").add("n", Integer.toString(n)).build());
  }

  Message stamp(Message m) {
    return stamper.stamp(m);
  }
}
