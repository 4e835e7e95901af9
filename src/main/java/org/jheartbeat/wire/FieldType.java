package org.jheartbeat.wire;

import java.util.Optional;

/**
 * The type of a message field, as the digit on the wire (spec wire §1). Version-1 clusters only
 * send {@code STRING} and {@code BINARY}; the others must decode without harm (Pacemaker sends
 * them).
 */
public enum FieldType {
  STRING(0),
  BINARY(1),
  STRUCT(2),
  LIST(3),
  COMPRESSED(4),
  UNCOMPRESSED(5);

  private final int digit;

  FieldType(int digit) {
    this.digit = digit;
  }

  public int digit() {
    return digit;
  }

  public static Optional<FieldType> ofDigit(int digit) {
    for (FieldType t : values()) {
      if (t.digit == digit) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
