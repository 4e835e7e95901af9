package org.jheartbeat.wire;

import java.util.Optional;

/**
 * The two serialisations of a message, told apart by the first four bytes of a datagram (spec
 * wire §2.3): {@code ###\n} is the netstring form that every 3.0.6 node sends, {@code >>>\n} the
 * classic name=value form that receivers still accept. Anything else is not a heartbeat packet.
 */
public enum Encoding {
  NETSTRING(new byte[] {'#', '#', '#', '\n'}),
  CLASSIC(new byte[] {'>', '>', '>', '\n'});

  private final byte[] marker;

  Encoding(byte[] marker) {
    this.marker = marker;
  }

  /** Whether {@code bytes} holds this encoding's start marker at {@code offset}. */
  public boolean startsAt(byte[] bytes, int offset) {
    if (offset < 0 || bytes.length - offset < marker.length) {
      return false;
    }
    for (int i = 0; i < marker.length; i++) {
      if (bytes[offset + i] != marker[i]) {
        return false;
      }
    }
    return true;
  }

  public static Optional<Encoding> detect(byte[] packet) {
    for (Encoding e : values()) {
      if (e.startsAt(packet, 0)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
