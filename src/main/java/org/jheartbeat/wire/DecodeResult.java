package org.jheartbeat.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of decoding a packet or message: either the message and the offset just past its
 * end marker ({@code %%%\n} for netstring, {@code <<<\n} for classic; spec wire §2.1, §2.2), or
 * a reason for operators. Decoders return a failure instead of throwing, because every received
 * datagram is untrusted input (spec wire §2.3: a receiver drops what it cannot parse).
 */
public record DecodeResult(Optional<Message> message, int end, String reason) {
  public DecodeResult {
    Objects.requireNonNull(message);
    Objects.requireNonNull(reason);
  }

  public static DecodeResult success(Message message, int end) {
    return new DecodeResult(Optional.of(message), end, "");
  }

  public static DecodeResult failure(String reason) {
    return new DecodeResult(Optional.empty(), -1, reason);
  }

  public boolean ok() {
    return message.isPresent();
  }
}
