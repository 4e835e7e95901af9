package org.jheartbeat.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The netstring form, which every 3.0.6 node sends (spec wire §2.1): {@code ###\n}, one netstring
 * {@code len:(T)name=value,} per field with the type digit always explicit, then {@code %%%\n}.
 * STRING values are the raw text, BINARY and COMPRESSED raw bytes, LIST the packed
 * {@code len:elem,} text, STRUCT (and UNCOMPRESSED) the complete {@code ###…%%%} block of the
 * child without trailer. Lengths are decimal without leading zeros. The authentication trailer
 * that follows {@code %%%\n} is not part of the message: {@link #decode} reports where the
 * message ended so the caller can find the trailer and the bytes it covers (§4.3). Decoding is
 * bounded (at most {@link WireLimits#MAX_PACKET} bytes, {@link WireLimits#MAX_DEPTH} levels,
 * lengths checked against the remaining input before use) and never throws.
 */
public final class NetstringCodec {
  private static final byte[] START = {'#', '#', '#', '\n'};
  private static final byte[] END = {'%', '%', '%', '\n'};

  private NetstringCodec() {}

  /** The {@code ###\n … %%%\n} bytes of {@code message}, without trailer. */
  public static byte[] encode(Message message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    encode(message, out, 0);
    return out.toByteArray();
  }

  private static void encode(Message message, ByteArrayOutputStream out, int depth) {
    if (depth > WireLimits.MAX_DEPTH) {
      throw new IllegalArgumentException("messages nest deeper than " + WireLimits.MAX_DEPTH);
    }
    out.writeBytes(START);
    for (Field f : message.fields()) {
      byte[] value;
      if (f.type() == FieldType.STRUCT || f.type() == FieldType.UNCOMPRESSED) {
        ByteArrayOutputStream child = new ByteArrayOutputStream(128);
        encode(f.struct(), child, depth + 1);
        value = child.toByteArray();
      } else {
        value = f.bytes();
      }
      byte[] head = ("(" + f.type().digit() + ")" + f.name() + "=")
          .getBytes(StandardCharsets.ISO_8859_1);
      netstring(out, head, value);
    }
    out.writeBytes(END);
  }

  /** Writes {@code len:} + head + value + {@code ,}. */
  static void netstring(ByteArrayOutputStream out, byte[] head, byte[] value) {
    out.writeBytes(Integer.toString(head.length + value.length).getBytes(StandardCharsets.US_ASCII));
    out.write(':');
    out.writeBytes(head);
    out.writeBytes(value);
    out.write(',');
  }

  /** Decodes the message that starts at offset 0; bytes after {@code %%%\n} are left alone. */
  public static DecodeResult decode(byte[] packet) {
    if (packet == null) {
      return DecodeResult.failure("no data");
    }
    if (packet.length > WireLimits.MAX_PACKET) {
      return DecodeResult.failure("packet of " + packet.length + " bytes exceeds "
          + WireLimits.MAX_PACKET);
    }
    return decode(packet, 0, packet.length, 0);
  }

  private static DecodeResult decode(byte[] b, int from, int to, int depth) {
    if (!startsWith(b, from, to, START)) {
      return DecodeResult.failure("no ### start marker at offset " + from);
    }
    int pos = from + START.length;
    List<Field> fields = new ArrayList<>();
    while (true) {
      if (startsWith(b, pos, to, END)) {
        return DecodeResult.success(Message.of(fields), pos + END.length);
      }
      Netstring ns = Netstring.parse(b, pos, to);
      if (!ns.error().isEmpty()) {
        return DecodeResult.failure(ns.error() + " at offset " + pos);
      }
      Object field = field(b, ns.start(), ns.end(), depth);
      if (field instanceof String error) {
        return DecodeResult.failure(error + " at offset " + pos);
      }
      fields.add((Field) field);
      pos = ns.next();
    }
  }

  /** A Field, or a String saying why the payload {@code b[from, to)} is not a field. */
  private static Object field(byte[] b, int from, int to, int depth) {
    if (to - from < 5 || b[from] != '(' || b[from + 2] != ')') {
      return "field without (type) prefix";
    }
    int digit = b[from + 1] - '0';
    FieldType type = digit >= 0 && digit <= 9 ? FieldType.ofDigit(digit).orElse(null) : null;
    if (type == null) {
      return "unknown field type '" + (char) (b[from + 1] & 0xFF) + "'";
    }
    int eq = -1;
    for (int i = from + 3; i < to; i++) {
      if (b[i] == '=') {
        eq = i;
        break;
      }
    }
    if (eq <= from + 3) {
      return eq < 0 ? "field without '='" : "field with an empty name";
    }
    String name = new String(b, from + 3, eq - from - 3, StandardCharsets.ISO_8859_1);
    int v = eq + 1;
    switch (type) {
      case STRING:
        return Field.string(name, new String(b, v, to - v, StandardCharsets.ISO_8859_1));
      case STRUCT:
      case UNCOMPRESSED: {
        if (depth + 1 > WireLimits.MAX_DEPTH) {
          return "messages nest deeper than " + WireLimits.MAX_DEPTH;
        }
        DecodeResult child = decode(b, v, to, depth + 1);
        if (!child.ok()) {
          return "in field " + name + ": " + child.reason();
        }
        if (child.end() != to) {
          return "bytes after the nested message of field " + name;
        }
        return Field.struct(name, type, child.message().orElseThrow());
      }
      case LIST: {
        String error = PackedList.check(b, v, to);
        if (!error.isEmpty()) {
          return error + " in field " + name;
        }
        return Field.raw(name, type, java.util.Arrays.copyOfRange(b, v, to));
      }
      default:
        return Field.raw(name, type, java.util.Arrays.copyOfRange(b, v, to));
    }
  }

  static boolean startsWith(byte[] b, int pos, int to, byte[] marker) {
    if (to - pos < marker.length) {
      return false;
    }
    for (int i = 0; i < marker.length; i++) {
      if (b[pos + i] != marker[i]) {
        return false;
      }
    }
    return true;
  }
}
