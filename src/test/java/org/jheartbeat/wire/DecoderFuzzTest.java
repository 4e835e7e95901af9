package org.jheartbeat.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.jheartbeat.wire.pcap.CapturedPayload;
import org.junit.jupiter.api.Test;

/**
 * Seeded robustness test: random bytes, every truncation of real packets, byte flips, corrupted
 * and huge length fields, deep nesting and random messages. Decoders and verify() never throw;
 * every netstring message that decodes re-encodes to exactly the bytes it came from, and
 * decode(encode(m)) == m for both codecs. Re-run a failure with -Djheartbeat.fuzz.seed=SEED.
 */
class DecoderFuzzTest {
  private static final long SEED = Long.getLong("jheartbeat.fuzz.seed", 0x5EED_2026L);
  private static final int RANDOM_CASES = 45_000;

  private final Random random = new Random(SEED);
  private final Authenticator sha1 = TestKeys.auth(1, "1 sha1 SpecTestKey", "2 md5 SpecMd5Key", "3 crc");
  private final Authenticator crc = TestKeys.auth(3, "1 sha1 SpecTestKey", "3 crc");
  private int cases;
  private int decodedNetstring;
  private int decodedClassic;

  @Test
  void decodersNeverThrowAndRoundTrip() {
    List<byte[]> seeds = seeds();
    for (byte[] s : seeds) {
      for (int i = 0; i <= s.length; i++) {
        check(Arrays.copyOf(s, i), "truncation at " + i);
      }
    }
    for (int i = 0; i < RANDOM_CASES; i++) {
      byte[] s = seeds.get(random.nextInt(seeds.size()));
      int kind = random.nextInt(7);
      byte[] input = switch (kind) {
        case 0 -> randomBytes();
        case 1 -> flip(s);
        case 2 -> corruptLength(s);
        case 3 -> hugeLength();
        case 4 -> deepNetstring(random.nextInt(24));
        case 5 -> randomMessageBytes();
        default -> splice(s, seeds.get(random.nextInt(seeds.size())));
      };
      check(input, "random case " + i + " kind " + kind);
    }
    assertThat(cases).isGreaterThanOrEqualTo(50_000);
    assertThat(decodedNetstring).as("some mutated packets must still decode").isGreaterThan(1000);
    assertThat(decodedClassic).isGreaterThan(100);
  }

  private void check(byte[] input, String what) {
    cases++;
    try {
      DecodeResult ns = NetstringCodec.decode(input);
      if (ns.ok()) {
        decodedNetstring++;
        Message m = ns.message().orElseThrow();
        byte[] again = NetstringCodec.encode(m);
        assertThat(again).isEqualTo(Arrays.copyOf(input, ns.end()));
        assertThat(NetstringCodec.decode(again).message()).contains(m);
      } else {
        assertThat(ns.reason()).isNotEmpty();
      }
      DecodeResult classic = ClassicCodec.decode(input);
      if (classic.ok()) {
        decodedClassic++;
        Message m = classic.message().orElseThrow();
        assertThat(ClassicCodec.decode(ClassicCodec.encode(m)).message()).contains(m);
      }
      PacketDecoder.decode(input);
      VerifyResult v = sha1.verify(input);
      assertThat(v.ok() || !v.reason().isEmpty()).isTrue();
      crc.verify(input);
    } catch (Throwable t) {
      fail("seed " + SEED + ", " + what + ", input " + HexFormat.of().formatHex(input), t);
    }
  }

  private List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    JsonNode json = Shared.vectorsJson();
    for (JsonNode v : json.get("synthetic")) {
      seeds.add(Shared.hex(v.get("wire_hex")));
      seeds.add(Shared.hex(v.get("classic_wire_hex")));
    }
    for (JsonNode v : json.get("real")) {
      seeds.add(Shared.hex(v.get("wire_hex")));
    }
    CaptureCorpusTest.heartbeatPackets(Shared.vectors().resolve("pcaps/cap13-inject.pcap")).stream()
        .filter(p -> p.frame() == 118 || p.frame() == 156 || p.frame() == 183)
        .map(CapturedPayload::payload).forEach(seeds::add);
    seeds.add(deepNetstring(16));
    seeds.add(ClassicCodec.encode(nested(16)));
    return seeds;
  }

  private byte[] randomBytes() {
    byte[] b = new byte[random.nextInt(400)];
    random.nextBytes(b);
    if (b.length >= 4 && random.nextBoolean()) {
      System.arraycopy((random.nextBoolean() ? "###\n" : ">>>\n").getBytes(ISO_8859_1), 0, b, 0, 4);
    }
    return b;
  }

  private byte[] flip(byte[] s) {
    byte[] b = s.clone();
    for (int n = 1 + random.nextInt(3); n > 0 && b.length > 0; n--) {
      int i = random.nextInt(b.length);
      b[i] = random.nextInt(4) == 0 ? (byte) "0123456789:,=()\n#%<>\u0013\u0014".charAt(random.nextInt(21))
          : (byte) random.nextInt(256);
    }
    return b;
  }

  /** Replaces one run of digits by another number: off by one, zero, leading zero or huge. */
  private byte[] corruptLength(byte[] s) {
    String text = new String(s, ISO_8859_1);
    List<int[]> runs = new ArrayList<>();
    for (int i = 0; i < text.length(); i++) {
      if (Character.isDigit(text.charAt(i)) && (i == 0 || !Character.isDigit(text.charAt(i - 1)))) {
        int j = i;
        while (j < text.length() && Character.isDigit(text.charAt(j))) {
          j++;
        }
        runs.add(new int[] {i, j});
      }
    }
    if (runs.isEmpty()) {
      return s;
    }
    int[] r = runs.get(random.nextInt(runs.size()));
    long old = Long.parseLong(text.substring(r[0], Math.min(r[1], r[0] + 18)));
    String replacement = switch (random.nextInt(6)) {
      case 0 -> Long.toString(old + 1);
      case 1 -> Long.toString(Math.max(0, old - 1));
      case 2 -> "0";
      case 3 -> "0" + old;
      case 4 -> "99999999999999999999999";
      default -> Long.toString(Integer.MAX_VALUE + (long) random.nextInt(10));
    };
    return (text.substring(0, r[0]) + replacement + text.substring(r[1])).getBytes(ISO_8859_1);
  }

  private byte[] hugeLength() {
    String[] lengths = {"2147483647", "2147483648", "4294967296", "9223372036854775808", "262143",
        "262144", "18446744073709551617"};
    String len = lengths[random.nextInt(lengths.length)];
    String tail = random.nextBoolean() ? ":(0)a=b,%%%\n" : ":";
    return ("###\n" + len + tail).getBytes(ISO_8859_1);
  }

  /** Nested STRUCTs built by hand, so that depths beyond the limit can be produced. */
  private static byte[] deepNetstring(int depth) {
    String m = "###\n9:(0)leaf=v,%%%\n";
    for (int i = 0; i < depth; i++) {
      String field = "(2)c=" + m;
      m = "###\n" + field.length() + ":" + field + ",8:(0)n=x,%%%\n";
    }
    return m.getBytes(ISO_8859_1);
  }

  private Message nested(int depth) {
    Message m = Message.builder().add("leaf", "v").build();
    for (int i = 0; i < depth; i++) {
      m = Message.builder().add(Field.struct("c", FieldType.STRUCT, m)).add("n", "x").build();
    }
    return m;
  }

  private byte[] randomMessageBytes() {
    Message m = randomMessage(0);
    byte[] ns = NetstringCodec.encode(m);
    assertThat(NetstringCodec.decode(ns).message()).contains(m);
    assertThat(sha1.verify(sha1.sign(m)).ok()).isTrue();
    try {
      byte[] classic = ClassicCodec.encode(m);
      return random.nextBoolean() ? classic : ns;
    } catch (IllegalArgumentException noClassicForm) {
      return ns;
    }
  }

  private Message randomMessage(int depth) {
    Message.Builder b = Message.builder();
    for (int n = random.nextInt(6); n >= 0; n--) {
      String name = "f" + random.nextInt(5);
      int type = random.nextInt(depth < 4 ? 6 : 4);
      switch (type) {
        case 0 -> b.add(name, randomText());
        case 1 -> b.add(Field.binary(name, randomBytesOf(random.nextInt(20))));
        case 2 -> b.add(Field.list(name, List.of(randomText() + "x", "y" + randomText())));
        case 3 -> b.add(Field.raw(name, FieldType.COMPRESSED, randomBytesOf(1 + random.nextInt(9))));
        case 4 -> b.add(Field.struct(name, FieldType.STRUCT, randomMessage(depth + 1)));
        default -> b.add(Field.struct(name, FieldType.UNCOMPRESSED, randomMessage(depth + 1)));
      }
    }
    return b.build();
  }

  private String randomText() {
    return new String(randomBytesOf(random.nextInt(12)), ISO_8859_1);
  }

  private byte[] randomBytesOf(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private byte[] splice(byte[] a, byte[] b) {
    int i = random.nextInt(a.length + 1);
    int j = random.nextInt(b.length + 1);
    byte[] r = Arrays.copyOf(a, i + b.length - j);
    System.arraycopy(b, j, r, i, b.length - j);
    return r;
  }
}
