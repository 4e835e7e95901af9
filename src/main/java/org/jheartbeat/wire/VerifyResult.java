package org.jheartbeat.wire;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jheartbeat.config.AuthMethod;

/**
 * The verdict on one received packet (spec wire §4.2, §4.3): whether it is authentic, the
 * decoded message when it parsed (also for packets that failed authentication, so that they can
 * be logged), the reason for operators when it failed, the encoding, and the auth index and
 * method the packet claimed.
 */
public record VerifyResult(boolean ok, Optional<Message> message, String reason,
    Optional<Encoding> encoding, OptionalInt index, Optional<AuthMethod> method) {
  public VerifyResult {
    Objects.requireNonNull(message);
    Objects.requireNonNull(reason);
    Objects.requireNonNull(encoding);
    Objects.requireNonNull(index);
    Objects.requireNonNull(method);
  }

  static VerifyResult failed(String reason) {
    return new VerifyResult(false, Optional.empty(), reason, Optional.empty(), OptionalInt.empty(),
        Optional.empty());
  }

  static VerifyResult failed(Encoding encoding, Message message, String reason) {
    return new VerifyResult(false, Optional.of(message), reason, Optional.of(encoding),
        OptionalInt.empty(), Optional.empty());
  }

  static VerifyResult of(boolean ok, Encoding encoding, Message message, String reason, int index,
      AuthMethod method) {
    return new VerifyResult(ok, Optional.of(message), reason, Optional.of(encoding),
        OptionalInt.of(index), Optional.of(method));
  }
}
