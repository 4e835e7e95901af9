package org.jheartbeat.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every vector of vectors.json (test-vectors.md §2, §3): decode, re-encode byte for byte, the
 * classic auth input, the inner token, the trailer and the whole signed packet.
 */
class VectorsTest {
  static Stream<Named<JsonNode>> synthetic() {
    return named(Shared.vectorsJson().get("synthetic"));
  }

  static Stream<Named<JsonNode>> real() {
    return named(Shared.vectorsJson().get("real"));
  }

  private static Stream<Named<JsonNode>> named(JsonNode array) {
    List<Named<JsonNode>> list = new ArrayList<>();
    array.forEach(v -> list.add(Named.of(v.get("id").asText(), v)));
    return list.stream();
  }

  @Test
  void allVectorsArePresent() {
    assertThat(synthetic()).hasSize(20);
    assertThat(real()).hasSize(9);
  }

  @ParameterizedTest
  @MethodSource("synthetic")
  void syntheticVectorEncodesDecodesAndAuthenticates(JsonNode v) {
    byte[] wire = Shared.hex(v.get("wire_hex"));
    byte[] body = Shared.hex(v.get("netstring_body_hex"));
    DecodeResult decoded = NetstringCodec.decode(wire);
    assertThat(decoded.ok()).as(decoded.reason()).isTrue();
    Message message = decoded.message().orElseThrow();
    assertThat(Arrays.copyOf(wire, decoded.end())).isEqualTo(body);
    assertThat(NetstringCodec.encode(message)).isEqualTo(body);
    assertThat(ClassicCodec.authText(message)).isEqualTo(Shared.hex(v.get("classic_auth_input_hex")));
    assertThat(message.get("auth")).contains(v.get("inner_auth").asText());

    Authenticator auth = TestKeys.single(v.get("authnum").asInt(), v.get("method").asText(),
        v.get("key").asText());
    String trailer = v.get("trailer").asText();
    assertThat(new String(wire, body.length, wire.length - body.length, ISO_8859_1))
        .isEqualTo(trailer.length() + ":" + trailer + ",");
    boolean hasStruct = message.fields().stream().anyMatch(f -> f.type() == FieldType.STRUCT);
    Message unsigned = message.without("auth");
    if (hasStruct) {
      // v5: the real sender adds no inner auth to a message with a struct (spec §2.4).
      assertThat(auth.withInnerAuth(unsigned)).isEqualTo(unsigned);
    } else {
      assertThat(auth.withInnerAuth(unsigned)).isEqualTo(message);
      assertThat(auth.sign(unsigned)).isEqualTo(wire);
    }
    assertThat(auth.sign(message, Authenticator.MsgFormat.NETSTRING)).isEqualTo(wire);

    VerifyResult verdict = auth.verify(wire);
    assertThat(verdict.ok()).as(verdict.reason()).isTrue();
    assertThat(verdict.message()).contains(message);
    assertThat(verdict.index()).hasValue(v.get("authnum").asInt());

    byte[] classic = Shared.hex(v.get("classic_wire_hex"));
    DecodeResult fromClassic = ClassicCodec.decode(classic);
    assertThat(fromClassic.ok()).as(fromClassic.reason()).isTrue();
    assertThat(fromClassic.message()).contains(message);
    byte[] reencoded = ClassicCodec.encode(message);
    assertThat(classic).startsWith(reencoded);
    assertThat(classic.length - reencoded.length).as("at most a trailing NUL").isLessThanOrEqualTo(1);
    VerifyResult classicVerdict = auth.verify(classic);
    assertThat(classicVerdict.ok()).as(classicVerdict.reason()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("synthetic")
  void syntheticRawFilesAgreeWithTheJson(JsonNode v) {
    var dir = Shared.vectors().resolve("synthetic").resolve(v.get("id").asText());
    assertThat(Shared.read(dir.resolve("wire.bin"))).isEqualTo(Shared.hex(v.get("wire_hex")));
    assertThat(Shared.read(dir.resolve("netstring-body.bin")))
        .isEqualTo(Shared.hex(v.get("netstring_body_hex")));
    assertThat(Shared.read(dir.resolve("classic-auth-input.txt")))
        .isEqualTo(Shared.hex(v.get("classic_auth_input_hex")));
  }

  @ParameterizedTest
  @MethodSource("synthetic")
  void anyByteFlippedBeforeTheEndMarkerFailsVerification(JsonNode v) {
    byte[] wire = Shared.hex(v.get("wire_hex"));
    int bodyLength = Shared.hex(v.get("netstring_body_hex")).length;
    Authenticator auth = TestKeys.single(v.get("authnum").asInt(), v.get("method").asText(),
        v.get("key").asText());
    for (int i = 0; i < bodyLength; i++) {
      byte[] copy = wire.clone();
      copy[i] ^= 0x01;
      assertThat(auth.verify(copy).ok()).as("flip at %d", i).isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("real")
  void realVectorDecodesReencodesAndVerifies(JsonNode v) {
    byte[] wire = Shared.hex(v.get("wire_hex"));
    assertThat(Shared.read(Shared.vectors().resolve(v.get("file").asText()))).isEqualTo(wire);
    DecodeResult decoded = NetstringCodec.decode(wire);
    assertThat(decoded.ok()).as(decoded.reason()).isTrue();
    assertThat(decoded.end()).isEqualTo(v.get("netstring_body_len").asInt());
    Message message = decoded.message().orElseThrow();
    assertThat(NetstringCodec.encode(message)).isEqualTo(Arrays.copyOf(wire, decoded.end()));

    String trailer = v.get("trailer").asText();
    int index = Integer.parseInt(trailer.substring(0, trailer.indexOf(' ')));
    Authenticator auth = TestKeys.single(index, v.get("method").asText(), v.get("key").asText());
    VerifyResult verdict = auth.verify(wire);
    assertThat(verdict.ok()).as(verdict.reason()).isTrue();
    if (v.get("inner_auth").isNull()) {
      assertThat(message.get("auth")).isEmpty();
      assertThat(auth.sign(message, Authenticator.MsgFormat.NETSTRING)).isEqualTo(wire);
    } else {
      assertThat(message.get("auth")).contains(index + " " + v.get("inner_auth").asText());
      assertThat(auth.sign(message.without("auth"))).isEqualTo(wire);
    }
  }

  @Test
  void icmpEchoRequestFileCarriesTheR8Packet() {
    byte[] echo = Shared.read(Shared.vectors().resolve("real/sha1-ping-icmp-echo-request.bin"));
    byte[] payload = Shared.read(Shared.vectors().resolve("real/sha1-ping-icmp-payload.bin"));
    assertThat(Arrays.copyOfRange(echo, 8, echo.length)).isEqualTo(payload);
    assertThat(TestKeys.single(1, "sha1", "SpecTestKey").verify(payload).ok()).isTrue();
  }

  @Test
  void crcTokensHaveNoLeadingZeros() {
    List<String> shortTokens = new ArrayList<>();
    for (JsonNode v : Shared.vectorsJson().get("synthetic")) {
      if (v.get("method").asText().equals("crc")) {
        Message m = NetstringCodec.decode(Shared.hex(v.get("wire_hex"))).message().orElseThrow();
        String token = AuthToken.token(org.jheartbeat.config.AuthMethod.CRC, "",
            ClassicCodec.authText(m));
        if (token.length() < 8) {
          shortTokens.add(v.get("id").asText() + "=" + token);
        }
      }
    }
    assertThat(shortTokens).containsExactly("v5-crc=119a69a", "v6-crc=9560452");
  }
}
