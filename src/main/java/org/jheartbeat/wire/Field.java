package org.jheartbeat.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One field of a message: a name, a type and a value. The value is kept as the raw bytes of
 * its netstring form (for STRING the text bytes, for BINARY and COMPRESSED the raw bytes, for
 * LIST the packed {@code len:elem,} text, for STRUCT the nested message), so that a received
 * message re-encodes byte for byte. Strings are ISO-8859-1: every byte maps to one char and
 * back, so no byte sequence is lost.
 */
public final class Field {
  private final String name;
  private final FieldType type;
  private final byte[] bytes;
  private final Message struct;

  private Field(String name, FieldType type, byte[] bytes, Message struct) {
    if (name.isEmpty() || name.indexOf('=') >= 0) {
      throw new IllegalArgumentException("field name must be non-empty and without '=': " + name);
    }
    this.name = name;
    this.type = type;
    this.bytes = bytes;
    this.struct = struct;
  }

  public static Field string(String name, String value) {
    return new Field(name, FieldType.STRING, value.getBytes(StandardCharsets.ISO_8859_1), null);
  }

  public static Field binary(String name, byte[] value) {
    return new Field(name, FieldType.BINARY, value.clone(), null);
  }

  /** A field of a type whose value is opaque bytes: BINARY, COMPRESSED, or a packed LIST. */
  public static Field raw(String name, FieldType type, byte[] value) {
    if (type == FieldType.STRUCT || type == FieldType.UNCOMPRESSED) {
      throw new IllegalArgumentException("use Field.struct for " + type);
    }
    return new Field(name, type, value.clone(), null);
  }

  public static Field struct(String name, FieldType type, Message value) {
    if (type != FieldType.STRUCT && type != FieldType.UNCOMPRESSED) {
      throw new IllegalArgumentException("not a nested-message type: " + type);
    }
    return new Field(name, type, new byte[0], Objects.requireNonNull(value));
  }

  /** A LIST field packed as Heartbeat does: each element as {@code len:elem,}. */
  public static Field list(String name, List<String> elements) {
    StringBuilder b = new StringBuilder();
    for (String e : elements) {
      if (e.isEmpty()) {
        throw new IllegalArgumentException("list elements must be non-empty");
      }
      b.append(e.getBytes(StandardCharsets.ISO_8859_1).length).append(':').append(e).append(',');
    }
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("a list field must have at least one element");
    }
    return new Field(name, FieldType.LIST, b.toString().getBytes(StandardCharsets.ISO_8859_1), null);
  }

  public String name() {
    return name;
  }

  public FieldType type() {
    return type;
  }

  /** The raw value bytes (empty for nested messages; see {@link #struct()}). */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The value as text (ISO-8859-1), for STRING fields. */
  public String text() {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** The nested message of a STRUCT or UNCOMPRESSED field. */
  public Message struct() {
    if (struct == null) {
      throw new IllegalStateException(name + " is not a nested message");
    }
    return struct;
  }

  public Field withName(String newName) {
    return new Field(newName, type, bytes, struct);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Field f && name.equals(f.name) && type == f.type
        && Arrays.equals(bytes, f.bytes) && Objects.equals(struct, f.struct);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, Arrays.hashCode(bytes), struct);
  }

  @Override
  public String toString() {
    String value = switch (type) {
      case STRING, LIST -> text();
      case STRUCT, UNCOMPRESSED -> struct.toString();
      default -> HexFormat.of().formatHex(bytes);
    };
    return (type == FieldType.STRING ? "" : "(" + type.digit() + ")") + name + "=" + value;
  }
}
