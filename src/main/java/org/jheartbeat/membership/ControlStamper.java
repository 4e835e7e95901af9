package org.jheartbeat.membership;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.wire.Field;
import org.jheartbeat.wire.Message;

/**
 * Adds the control fields of spec wire §2.5/§3.2 to an outgoing message, each one replaced in
 * place when the field already exists, else appended, in this order: {@code destuuid} (only when
 * {@code dest} is set and that node's UUID is known), {@code src}, {@code srcuuid} (binary, 16
 * bytes), {@code seq} (HEX, +1 per sequenced message, starting at 1), {@code hg} (HEX
 * generation), {@code ts} (HEX wall seconds), {@code ld} (load average text) and {@code ttl}
 * (DEC, hopfudge + node-table size). {@code seq} and {@code ld} are left out of {@code NS_}
 * messages, which are not sequenced.
 */
final class ControlStamper {
  private final LocalIdentity me;
  private final Clock clock;
  private final Supplier<String> loadavg;
  private final IntSupplier ttl;
  private final Function<String, Optional<byte[]>> uuidOf;
  private long seq;

  ControlStamper(LocalIdentity me, Clock clock, Supplier<String> loadavg, IntSupplier ttl,
      Function<String, Optional<byte[]>> uuidOf) {
    this.me = me;
    this.clock = clock;
    this.loadavg = loadavg;
    this.ttl = ttl;
    this.uuidOf = uuidOf;
  }

  static boolean unsequenced(Message m) {
    return m.type().startsWith("NS_");
  }

  /** The highest seq stamped so far (0 before the first). */
  long lastSeq() {
    return seq;
  }

  Message stamp(Message m) {
    boolean ns = unsequenced(m);
    Message out = m;
    Optional<String> dest = m.get("dest");
    if (dest.isPresent()) {
      Optional<byte[]> du = uuidOf.apply(dest.get());
      if (du.isPresent()) {
        out = out.with(Field.binary("destuuid", du.get()));
      }
    }
    out = out.with("src", me.nodeName()).with(Field.binary("srcuuid", me.uuid()));
    if (!ns) {
      out = out.with("seq", Long.toHexString(++seq));
    }
    out = out.with("hg", Long.toHexString(me.generation()))
        .with("ts", Long.toHexString(clock.wallMillis() / 1000));
    if (!ns) {
      String ld = loadavg.get();
      out = out.with("ld", ld == null || ld.isEmpty() ? "n/a" : ld);
    }
    return out.with("ttl", Integer.toString(ttl.getAsInt()));
  }
}
