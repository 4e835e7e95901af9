package org.jheartbeat.wire;

import java.util.Optional;

/**
 * Receiver dispatch without authentication (spec wire §2.3): a packet whose first four bytes are
 * {@code ###\n} is decoded as netstring (the end offset is where {@code %%%\n} ended, the trailer
 * follows), {@code >>>\n} as classic, and anything else is "not a heartbeat packet". Never throws.
 */
public final class PacketDecoder {
  private PacketDecoder() {}

  public static DecodeResult decode(byte[] packet) {
    if (packet == null) {
      return DecodeResult.failure("not a heartbeat packet");
    }
    Optional<Encoding> encoding = Encoding.detect(packet);
    if (encoding.isEmpty()) {
      return DecodeResult.failure("not a heartbeat packet");
    }
    return encoding.get() == Encoding.NETSTRING
        ? NetstringCodec.decode(packet) : ClassicCodec.decode(packet);
  }
}
