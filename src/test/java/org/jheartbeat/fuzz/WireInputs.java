package org.jheartbeat.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.List;
import java.util.random.RandomGenerator;
import org.jheartbeat.wire.ClassicCodec;
import org.jheartbeat.wire.Field;
import org.jheartbeat.wire.FieldType;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.NetstringCodec;
import org.jheartbeat.wire.WireLimits;

/**
 * Makes one wire input: mostly a mutated seed; sometimes a random message of every field type
 * (encoded, then maybe mutated), a packet at the size limit, nesting around the depth limit, or
 * plain random bytes. Structured inputs reach the decoders' success paths, where the round-trip
 * oracles apply, far more often than random bytes do.
 */
final class WireInputs {
  private final List<byte[]> seeds;
  private final boolean classic;
  private final ByteMutator bytes = new ByteMutator(WireCorpus.DICTIONARY);

  /** @param classic whether generated messages are written in classic form (else netstring) */
  WireInputs(List<byte[]> seeds, boolean classic) {
    this.seeds = List.copyOf(seeds);
    this.classic = classic;
  }

  byte[] generate(RandomGenerator r) {
    int kind = r.nextInt(1000);
    if (kind == 0) {
      return nearSizeLimit(r); // rare: each costs as much as a thousand ordinary cases
    }
    kind /= 10;
    if (kind < 8) {
      byte[] message = encode(randomMessage(r, 0), r);
      return r.nextBoolean() ? message : bytes.mutate(message, seeds, r);
    }
    if (kind < 10) {
      byte[] deep = classic ? ClassicCodec.encode(nested(WireLimits.MAX_DEPTH - 2 + r.nextInt(3)))
          : deepNetstring(WireLimits.MAX_DEPTH - 2 + r.nextInt(5));
      return r.nextBoolean() ? deep : bytes.mutate(deep, seeds, r);
    }
    if (kind < 12) {
      byte[] random = new byte[r.nextInt(300)];
      r.nextBytes(random);
      return random;
    }
    return bytes.mutate(seeds.get(r.nextInt(seeds.size())), seeds, r);
  }

  private byte[] encode(Message m, RandomGenerator r) {
    if (classic || r.nextInt(4) == 0) {
      try {
        return ClassicCodec.encode(m);
      } catch (IllegalArgumentException noClassicForm) {
        return NetstringCodec.encode(m);
      }
    }
    return NetstringCodec.encode(m);
  }

  /** A packet of MAX_PACKET - 2 … MAX_PACKET + 2 bytes: one long STRING field. */
  private byte[] nearSizeLimit(RandomGenerator r) {
    int size = WireLimits.MAX_PACKET - 2 + r.nextInt(5);
    if (classic) {
      return (">>>\nv=" + "a".repeat(size - 11) + "\n<<<\n").getBytes(ISO_8859_1);
    }
    int length = size - 16; // ###\n, six length digits, ':', ',', %%%\n
    return ("###\n" + length + ":(0)v=" + "a".repeat(length - 5) + ",%%%\n").getBytes(ISO_8859_1);
  }

  /** Nested STRUCTs written by hand, so that depths beyond the limit can be produced. */
  static byte[] deepNetstring(int depth) {
    String m = "###\n9:(0)leaf=v,%%%\n";
    for (int i = 0; i < depth; i++) {
      String field = "(2)c=" + m;
      m = "###\n" + field.length() + ":" + field + ",8:(0)n=x,%%%\n";
    }
    return m.getBytes(ISO_8859_1);
  }

  /** A message whose STRUCT fields nest {@code depth} levels below it. */
  private static Message nested(int depth) {
    Message m = Message.builder().add("leaf", "v").build();
    for (int i = 0; i < depth; i++) {
      m = Message.builder().add(Field.struct("c", FieldType.STRUCT, m)).add("n", "x").build();
    }
    return m;
  }

  /** A message with fields of every type; names repeat, values are arbitrary bytes. */
  static Message randomMessage(RandomGenerator r, int depth) {
    Message.Builder b = Message.builder();
    for (int n = r.nextInt(7); n >= 0; n--) {
      String name = r.nextInt(8) == 0 ? randomText(r, 1 + r.nextInt(4)) : "f" + r.nextInt(5);
      if (name.indexOf('=') >= 0) {
        name = "eq";
      }
      switch (r.nextInt(depth < 3 ? 7 : 5)) {
        case 0, 1 -> b.add(name, randomText(r, r.nextInt(12)));
        case 2 -> b.add(Field.binary(name, randomBytes(r, r.nextInt(20))));
        case 3 -> b.add(Field.list(name, List.of("x" + randomText(r, r.nextInt(6)), randomText(r, 1 + r.nextInt(6)))));
        case 4 -> b.add(Field.raw(name, FieldType.COMPRESSED, randomBytes(r, 1 + r.nextInt(9))));
        case 5 -> b.add(Field.struct(name, FieldType.STRUCT, randomMessage(r, depth + 1)));
        default -> b.add(Field.struct(name, FieldType.UNCOMPRESSED, randomMessage(r, depth + 1)));
      }
    }
    return b.build();
  }

  /** Mostly printable text, sometimes any byte. */
  private static String randomText(RandomGenerator r, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = r.nextInt(6) == 0 ? (char) r.nextInt(256) : (char) (' ' + r.nextInt(95));
    }
    return new String(c);
  }

  private static byte[] randomBytes(RandomGenerator r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
