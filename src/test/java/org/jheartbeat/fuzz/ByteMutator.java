package org.jheartbeat.fuzz;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Byte-level mutations, stacked one to four deep ({@link TextMutator#stack}): flip a bit or set a byte (often to one the
 * formats give a meaning to), insert random or dictionary bytes, delete a range, duplicate a
 * range, truncate, splice with another seed, and replace a decimal number by a boundary value
 * (zero, off by one, leading zero, the 2^n edges, longer than any integer type, the length of
 * what follows). Digits matter most: every length, index and time in these formats is one.
 */
final class ByteMutator {
  /** Bytes the wire and config syntaxes give a meaning to. */
  private static final byte[] SPECIAL = "0123456789:,=()\n\r\t #%<>\\/.-".getBytes(ISO_8859_1);
  private static final byte[] CONTROL = {0x00, 0x0B, 0x0C, 0x0F, 0x12, 0x13, 0x14, 0x1F, 0x7F,
      (byte) 0x80, (byte) 0xA0, (byte) 0xC3, (byte) 0xFF};

  private final List<byte[]> dictionary;

  ByteMutator(List<String> dictionary) {
    this.dictionary = dictionary.stream().map(s -> s.getBytes(ISO_8859_1)).toList();
  }

  /** Stacked mutations of {@code input}; {@code seeds} supply splice material. */
  byte[] mutate(byte[] input, List<byte[]> seeds, RandomGenerator r) {
    byte[] b = input;
    for (int n = TextMutator.stack(r); n > 0; n--) {
      b = once(b, seeds, r);
    }
    return b;
  }

  byte[] once(byte[] b, List<byte[]> seeds, RandomGenerator r) {
    return switch (r.nextInt(8)) {
      case 0 -> setByte(b, r);
      case 1 -> insert(b, r);
      case 2 -> delete(b, r);
      case 3 -> duplicate(b, r);
      case 4 -> truncate(b, r);
      case 5 -> splice(b, seeds.get(r.nextInt(seeds.size())), r);
      default -> boundaryNumber(b, r);
    };
  }

  private static byte[] setByte(byte[] b, RandomGenerator r) {
    if (b.length == 0) {
      return new byte[] {special(r)};
    }
    byte[] c = b.clone();
    int i = r.nextInt(c.length);
    c[i] = switch (r.nextInt(4)) {
      case 0 -> (byte) (c[i] ^ (1 << r.nextInt(8)));
      case 1 -> (byte) r.nextInt(256);
      default -> special(r);
    };
    return c;
  }

  private static byte special(RandomGenerator r) {
    return r.nextInt(3) == 0 ? CONTROL[r.nextInt(CONTROL.length)] : SPECIAL[r.nextInt(SPECIAL.length)];
  }

  private byte[] insert(byte[] b, RandomGenerator r) {
    byte[] what;
    if (!dictionary.isEmpty() && r.nextBoolean()) {
      what = dictionary.get(r.nextInt(dictionary.size()));
    } else {
      what = new byte[1 + r.nextInt(8)];
      for (int i = 0; i < what.length; i++) {
        what[i] = r.nextBoolean() ? special(r) : (byte) r.nextInt(256);
      }
    }
    return replace(b, r.nextInt(b.length + 1), 0, what);
  }

  private static byte[] delete(byte[] b, RandomGenerator r) {
    if (b.length == 0) {
      return b;
    }
    int from = r.nextInt(b.length);
    int len = 1 + r.nextInt(Math.max(1, Math.min(b.length - from, 1 + b.length / 4)));
    return replace(b, from, Math.min(len, b.length - from), new byte[0]);
  }

  private static byte[] duplicate(byte[] b, RandomGenerator r) {
    if (b.length == 0) {
      return b;
    }
    int from = r.nextInt(b.length);
    int len = 1 + r.nextInt(Math.min(b.length - from, 64));
    byte[] chunk = java.util.Arrays.copyOfRange(b, from, from + len);
    int at = r.nextBoolean() ? from + len : r.nextInt(b.length + 1);
    return replace(b, at, 0, chunk);
  }

  private static byte[] truncate(byte[] b, RandomGenerator r) {
    return java.util.Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
  }

  /** A prefix of one input followed by a suffix of the other (classic crossover). */
  private static byte[] splice(byte[] a, byte[] other, RandomGenerator r) {
    int i = r.nextInt(a.length + 1);
    int j = r.nextInt(other.length + 1);
    return replace(a, i, a.length - i, java.util.Arrays.copyOfRange(other, j, other.length));
  }

  private static byte[] boundaryNumber(byte[] b, RandomGenerator r) {
    List<int[]> runs = digitRuns(b);
    if (runs.isEmpty()) {
      return insertNumber(b, r);
    }
    int[] run = runs.get(r.nextInt(runs.size()));
    String old = new String(b, run[0], run[1] - run[0], ISO_8859_1);
    return replace(b, run[0], run[1] - run[0], boundary(old, b.length - run[1], r).getBytes(ISO_8859_1));
  }

  private static byte[] insertNumber(byte[] b, RandomGenerator r) {
    return replace(b, r.nextInt(b.length + 1), 0, boundary("1", b.length, r).getBytes(ISO_8859_1));
  }

  /** A number near an edge: of the old value, of integer types, or of the bytes that follow. */
  static String boundary(String old, int remaining, RandomGenerator r) {
    long value = old.length() > 18 ? Long.MAX_VALUE : Long.parseLong(old);
    return switch (r.nextInt(12)) {
      case 0 -> Long.toString(value + 1);
      case 1 -> Long.toString(Math.max(0, value - 1));
      case 2 -> "0";
      case 3 -> "0" + old;
      case 4 -> "-" + old;
      case 5 -> Long.toString(remaining + r.nextInt(3) - 1);
      case 6 -> Long.toString((1L << (7 + r.nextInt(57))) + r.nextInt(3) - 1);
      case 7 -> "18446744073709551616";
      case 8 -> "9".repeat(1 + r.nextInt(40));
      case 9 -> Long.toString(value * 10);
      case 10 -> old + "." + r.nextInt(1000);
      default -> Integer.toString(r.nextInt(100_000));
    };
  }

  private static List<int[]> digitRuns(byte[] b) {
    List<int[]> runs = new ArrayList<>();
    int i = 0;
    while (i < b.length) {
      if (isDigit(b[i])) {
        int j = i;
        while (j < b.length && isDigit(b[j])) {
          j++;
        }
        runs.add(new int[] {i, j});
        i = j;
      } else {
        i++;
      }
    }
    return runs;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** {@code b} with {@code b[at, at+len)} replaced by {@code with}. */
  static byte[] replace(byte[] b, int at, int len, byte[] with) {
    byte[] out = new byte[b.length - len + with.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(with, 0, out, at, with.length);
    System.arraycopy(b, at + len, out, at + with.length, b.length - at - len);
    return out;
  }
}
