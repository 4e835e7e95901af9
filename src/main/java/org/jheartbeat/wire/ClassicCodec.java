package org.jheartbeat.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The classic name=value form (spec wire §2.2): {@code >>>\n}, one line per field, {@code <<<\n}.
 * STRING fields have no prefix and every {@code \n} of the value becomes byte 0x13; BINARY and
 * COMPRESSED are {@code (1)}/{@code (4)} + standard base64; LIST is {@code (3)} + the packed
 * text; STRUCT is {@code (2)} + the child's classic text (with its markers) in which every
 * {@code \n} is replaced by the control byte of the child's depth (0x14 for depth 0 … 0x1F for
 * 11, then 0x0F … 0x12 for 12 … 15). {@link #encode} refuses what that text cannot carry
 * faithfully: empty values, a name with {@code \n}, a STRING field named like a type prefix
 * {@code (D)…}, a STRING value with byte 0x13, a LIST with {@code \n}, a nested message whose text
 * already holds its level's control byte (spec wire §2.2). The decoder requires
 * {@code >>>\n} at offset 0, allows one trailing NUL, skips empty lines and rejects a {@code (0)}
 * prefix; it never throws. {@link #authText} is the text the inner {@code auth} field covers
 * (§4.2): the lines of every field not named {@code auth}, without the markers.
 */
public final class ClassicCodec {
  private static final byte[] START = {'>', '>', '>', '\n'};
  private static final byte[] END = {'<', '<', '<', '\n'};
  private static final byte STRING_NEWLINE = 0x13;

  private ClassicCodec() {}

  /**
   * The classic text of {@code message}; throws IllegalArgumentException when the message has no
   * faithful classic form (see the class comment), instead of writing text that decodes to a
   * different message.
   */
  public static byte[] encode(Message message) {
    return render(message, 0, true, true);
  }

  /** The bytes the classic inner {@code auth} field is computed over (spec wire §4.2). */
  public static byte[] authText(Message message) {
    return render(message, 0, false, false);
  }

  private static byte[] render(Message message, int depth, boolean markers, boolean strict) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    if (markers) {
      out.writeBytes(START);
    }
    for (Field f : message.fields()) {
      if (!markers && f.name().equals("auth")) {
        continue;
      }
      byte[] value = switch (f.type()) {
        case STRING -> replace(f.bytes(), (byte) '\n', STRING_NEWLINE);
        case BINARY, COMPRESSED -> Base64.getEncoder().encode(f.bytes());
        case LIST -> f.bytes();
        case STRUCT -> {
          if (depth >= WireLimits.MAX_DEPTH) {
            throw new IllegalArgumentException("messages nest deeper than " + WireLimits.MAX_DEPTH);
          }
          byte[] child = render(f.struct(), depth + 1, true, strict);
          if (strict && indexOf(child, depthByte(depth)) >= 0) {
            throw new IllegalArgumentException("field " + f.name() + " has no classic form: its nested message"
                + " holds byte 0x" + Integer.toHexString(depthByte(depth)) + ", which stands for a newline there");
          }
          yield replace(child, (byte) '\n', depthByte(depth));
        }
        case UNCOMPRESSED -> throw new IllegalArgumentException(
            "field " + f.name() + ": type 5 (uncompressed) has no classic form");
      };
      if (strict) {
        requireFaithful(f, value);
      }
      if (f.type() != FieldType.STRING) {
        out.write('(');
        out.write('0' + f.type().digit());
        out.write(')');
      }
      out.writeBytes(f.name().getBytes(StandardCharsets.ISO_8859_1));
      out.write('=');
      out.writeBytes(value);
      out.write('\n');
    }
    if (markers) {
      out.writeBytes(END);
    }
    return out.toByteArray();
  }

  /** Throws when decoding the line of {@code f} (with {@code value} as written) would not give f back. */
  private static void requireFaithful(Field f, byte[] value) {
    String why = null;
    byte[] name = f.name().getBytes(StandardCharsets.ISO_8859_1);
    if (value.length == 0) {
      why = "an empty value";
    } else if (indexOf(name, (byte) '\n') >= 0) {
      why = "a name with a newline";
    } else if (f.type() == FieldType.STRING && name.length >= 3 && name[0] == '('
        && name[1] >= '0' && name[1] <= '9' && name[2] == ')') {
      why = "a string field named like a type prefix (D)";
    } else if (f.type() == FieldType.STRING && indexOf(f.bytes(), STRING_NEWLINE) >= 0) {
      why = "a string value with byte 0x13, which stands for a newline";
    } else if (f.type() == FieldType.LIST && indexOf(value, (byte) '\n') >= 0) {
      why = "a list with a newline";
    }
    if (why != null) {
      throw new IllegalArgumentException("field " + f.name() + " has no classic form: " + why);
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }

  /** The byte that stands for {@code \n} inside a nested message of this depth (0 … 15). */
  static byte depthByte(int depth) {
    return (byte) (depth < 12 ? 0x14 + depth : 0x0F + depth - 12);
  }

  private static byte[] replace(byte[] bytes, byte from, byte to) {
    byte[] copy = bytes.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == from) {
        copy[i] = to;
      }
    }
    return copy;
  }

  /** Decodes a classic packet: {@code >>>\n} at 0, lines, {@code <<<\n}, optionally one NUL. */
  public static DecodeResult decode(byte[] packet) {
    if (packet == null) {
      return DecodeResult.failure("no data");
    }
    if (packet.length > WireLimits.MAX_PACKET) {
      return DecodeResult.failure("packet of " + packet.length + " bytes exceeds "
          + WireLimits.MAX_PACKET);
    }
    int to = packet.length;
    if (to > 0 && packet[to - 1] == 0) {
      to--;
    }
    DecodeResult r = decode(packet, 0, to, 0);
    if (r.ok() && r.end() != to) {
      return DecodeResult.failure("bytes after the <<< end marker");
    }
    return r.ok() ? DecodeResult.success(r.message().orElseThrow(), packet.length) : r;
  }

  private static DecodeResult decode(byte[] b, int from, int to, int depth) {
    if (!NetstringCodec.startsWith(b, from, to, START)) {
      return DecodeResult.failure("no >>> start marker");
    }
    List<Field> fields = new ArrayList<>();
    int pos = from + START.length;
    while (pos < to) {
      int nl = pos;
      while (nl < to && b[nl] != '\n') {
        nl++;
      }
      if (nl == to) {
        return DecodeResult.failure("line without newline at offset " + pos);
      }
      if (nl == pos) {
        pos++;
        continue;
      }
      if (nl - pos == 3 && b[pos] == '<' && b[pos + 1] == '<' && b[pos + 2] == '<') {
        return DecodeResult.success(Message.of(fields), nl + 1);
      }
      Object f = line(b, pos, nl, depth);
      if (f instanceof String error) {
        return DecodeResult.failure(error + " at offset " + pos);
      }
      fields.add((Field) f);
      pos = nl + 1;
    }
    return DecodeResult.failure("no <<< end marker");
  }

  /** A Field, or a String saying why {@code b[from, to)} is not a field line. */
  private static Object line(byte[] b, int from, int to, int depth) {
    FieldType type = FieldType.STRING;
    int p = from;
    if (to - from >= 3 && b[from] == '(' && b[from + 2] == ')'
        && b[from + 1] >= '0' && b[from + 1] <= '9') {
      type = FieldType.ofDigit(b[from + 1] - '0').orElse(null);
      if (type == null || type == FieldType.UNCOMPRESSED) {
        return "field type " + (char) b[from + 1] + " has no classic form";
      }
      if (type == FieldType.STRING) {
        return "a (0) prefix is not allowed in classic form";
      }
      p += 3;
    }
    int eq = p;
    while (eq < to && b[eq] != '=') {
      eq++;
    }
    if (eq == to) {
      return "line without '='";
    }
    if (eq == p) {
      return "field with an empty name";
    }
    if (eq + 1 == to) {
      return "field with an empty value";
    }
    String name = new String(b, p, eq - p, StandardCharsets.ISO_8859_1);
    byte[] value = Arrays.copyOfRange(b, eq + 1, to);
    switch (type) {
      case STRING:
        return Field.string(name, new String(replace(value, STRING_NEWLINE, (byte) '\n'),
            StandardCharsets.ISO_8859_1));
      case BINARY:
      case COMPRESSED:
        try {
          return Field.raw(name, type, Base64.getDecoder().decode(value));
        } catch (IllegalArgumentException e) {
          return "field " + name + ": invalid base64";
        }
      case LIST: {
        String error = PackedList.check(value, 0, value.length);
        return error.isEmpty() ? Field.raw(name, type, value) : error + " in field " + name;
      }
      default: {
        if (depth >= WireLimits.MAX_DEPTH) {
          return "messages nest deeper than " + WireLimits.MAX_DEPTH;
        }
        byte[] child = replace(value, depthByte(depth), (byte) '\n');
        DecodeResult r = decode(child, 0, child.length, depth + 1);
        if (!r.ok()) {
          return "in field " + name + ": " + r.reason();
        }
        if (r.end() != child.length) {
          return "bytes after the nested message of field " + name;
        }
        return Field.struct(name, FieldType.STRUCT, r.message().orElseThrow());
      }
    }
  }
}
