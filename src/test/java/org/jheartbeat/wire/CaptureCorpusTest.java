package org.jheartbeat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jheartbeat.wire.pcap.CapturedPayload;
import org.jheartbeat.wire.pcap.PcapReader;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every heartbeat packet of every capture (spec vectors/pcaps and the lab's hb.pcap traces)
 * decodes, re-encodes to the captured bytes up to the trailer, and verifies with the key the
 * README names for that capture; only the deliberately broken packets fail.
 */
class CaptureCorpusTest {
  static final String LAB_KEY = "74a6a503b5bec9373b22bb630608df41";
  static final String LAB_WRONG_KEY = "0badbadbadbadbadbadbadbadbadbad0";

  static Stream<Named<Path>> specCaptures() throws IOException {
    try (Stream<Path> s = Files.list(Shared.vectors().resolve("pcaps"))) {
      List<Path> list = s.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
      assertThat(list).hasSize(17);
      return list.stream().map(p -> Named.of(p.getFileName().toString(), p));
    }
  }

  static Stream<Named<Path>> labCaptures() {
    Path root = Shared.dir().resolve("traces/real-heartbeat-3.0.6");
    List<Path> list = Shared.find(root, "hb.pcap");
    assertThat(list).hasSizeGreaterThanOrEqualTo(20);
    return list.stream().map(p -> Named.of(root.relativize(p).toString(), p));
  }

  /** Heartbeat packets in a capture: UDP payloads and ICMP echo data starting with ### or >>>. */
  static List<CapturedPayload> heartbeatPackets(Path pcap) {
    return PcapReader.read(Shared.read(pcap)).stream()
        .filter(p -> Encoding.detect(p.payload()).isPresent())
        .toList();
  }

  @ParameterizedTest
  @MethodSource("specCaptures")
  void specCapture(Path pcap) {
    String name = pcap.getFileName().toString().replace(".pcap", "");
    List<CapturedPayload> packets = heartbeatPackets(pcap);
    Function<CapturedPayload, Authenticator> keys = switch (name) {
      case "lab-01-node1-starts-alone-hb" -> p -> TestKeys.single(1, "md5", LAB_KEY);
      // SIGHUP key roll: the first two packets still used the old sha1 key at index 1; then
      // every node's active index is the one its packets name (README).
      case "cap9-authswitch" -> p -> p.frame() <= 2
          ? TestKeys.single(1, "sha1", "SpecTestKey")
          : TestKeys.auth(trailerIndex(p.payload()), "1 crc", "2 md5 SpecMd5Key", "3 sha1 SpecTestKey");
      default -> p -> TestKeys.single(1, "sha1", "SpecTestKey");
    };
    Set<Integer> expectedFailures = name.equals("cap13-inject") ? Set.of(96, 183) : Set.of();
    Set<Integer> failures = check(packets, keys);
    assertThat(failures).isEqualTo(expectedFailures);

    Path decoded = Shared.vectors().resolve("decoded/" + name + ".txt");
    if (Files.exists(decoded)) {
      Set<Integer> frames = new TreeSet<>();
      packets.forEach(p -> frames.add(p.frame()));
      assertThat(frames).as("frames of %s", decoded).isEqualTo(decodedFrames(decoded));
    } else {
      assertThat(name).startsWith("lab-");
    }
  }

  @ParameterizedTest
  @MethodSource("labCaptures")
  void labCapture(Path pcap) {
    List<CapturedPayload> packets = heartbeatPackets(pcap);
    assertThat(packets).isNotEmpty()
        .allSatisfy(p -> assertThat(p.medium()).isEqualTo(CapturedPayload.Medium.UDP))
        .allSatisfy(p -> assertThat(p.destination().port()).isEqualTo(694));
    boolean wrongKey = pcap.toString().contains("08-wrong-key");
    // In 08-wrong-key node 2 (192.168.144.129) was configured with a different md5 key.
    Set<Integer> failures = check(packets, p -> wrongKey && p.source().host().equals("192.168.144.129")
        ? TestKeys.single(1, "md5", LAB_WRONG_KEY) : TestKeys.single(1, "md5", LAB_KEY));
    assertThat(failures).isEmpty();
    if (wrongKey) {
      Authenticator node1 = TestKeys.single(1, "md5", LAB_KEY);
      assertThat(packets.stream().filter(p -> p.source().host().equals("192.168.144.129")))
          .isNotEmpty()
          .allSatisfy(p -> assertThat(node1.verify(p.payload()).reason())
              .startsWith("authtoken does not match, authtoken="));
    }
  }

  @Test
  void theCapturesHoldAboutTwoAndAHalfThousandPackets() {
    long spec = Stream.of(Shared.vectors().resolve("pcaps").toFile().listFiles())
        .filter(f -> f.getName().endsWith(".pcap"))
        .mapToLong(f -> heartbeatPackets(f.toPath()).size()).sum();
    long lab = labCaptures().mapToLong(p -> heartbeatPackets(p.getPayload()).size()).sum();
    assertThat(spec + lab).isGreaterThan(2000);
  }

  /** The frames of packets that failed; asserts decode and byte-exact re-encode for all. */
  private static Set<Integer> check(List<CapturedPayload> packets,
      Function<CapturedPayload, Authenticator> keys) {
    Set<Integer> failures = new TreeSet<>();
    for (CapturedPayload p : packets) {
      byte[] payload = p.payload();
      DecodeResult decoded = PacketDecoder.decode(payload);
      assertThat(decoded.ok()).as("frame %d: %s", p.frame(), decoded.reason()).isTrue();
      Message message = decoded.message().orElseThrow();
      if (Encoding.detect(payload).orElseThrow() == Encoding.NETSTRING) {
        assertThat(NetstringCodec.encode(message)).as("frame %d", p.frame())
            .isEqualTo(Arrays.copyOf(payload, decoded.end()));
      } else {
        assertThat(payload).as("frame %d", p.frame()).startsWith(ClassicCodec.encode(message));
      }
      VerifyResult v = keys.apply(p).verify(payload);
      assertThat(v.message()).contains(message);
      if (!v.ok()) {
        failures.add(p.frame());
      }
    }
    return failures;
  }

  private static int trailerIndex(byte[] payload) {
    DecodeResult r = NetstringCodec.decode(payload);
    String trailer = new String(payload, r.end(), payload.length - r.end(), StandardCharsets.ISO_8859_1);
    Optional<AuthField> f = AuthField.parse(trailer.substring(trailer.indexOf(':') + 1));
    return f.orElseThrow().index();
  }

  private static Set<Integer> decodedFrames(Path decoded) {
    try {
      Set<Integer> frames = new TreeSet<>();
      for (String line : Files.readAllLines(decoded, StandardCharsets.ISO_8859_1)) {
        String first = line.trim().split("\\s+")[0];
        if (first.matches("\\d+")) {
          frames.add(Integer.parseInt(first));
        }
      }
      return frames;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
