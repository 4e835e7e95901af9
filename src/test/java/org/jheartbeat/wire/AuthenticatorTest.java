package org.jheartbeat.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.jheartbeat.config.AuthMethod;
import org.junit.jupiter.api.Test;

/** Signing and the receiver rules of spec §4.2/§4.3, including the real daemon's key quirk. */
class AuthenticatorTest {
  static final Message STATUS = Message.builder()
      .add("t", "status").add("st", "active").add("src", "alpha")
      .add(Field.binary("srcuuid", new byte[16])).add("seq", "2a").build();

  @Test
  void trailerIsCheckedWithTheAlgorithmOfItsIndexButTheKeyOfOurActiveIndex() {
    byte[] fromAlpha = TestKeys.auth(2, "2 md5 keyA").sign(STATUS);

    // bravo sends with 3 sha1 keyB but also has 2 md5 keyA configured: still rejects.
    Authenticator bravo = TestKeys.auth(3, "2 md5 keyA", "3 sha1 keyB");
    VerifyResult v = bravo.verify(fromAlpha);
    assertThat(v.ok()).isFalse();
    assertThat(v.index()).hasValue(2);
    assertThat(v.method()).contains(AuthMethod.MD5);
    byte[] body = Arrays.copyOf(fromAlpha, NetstringCodec.decode(fromAlpha).end());
    String received = AuthToken.token(AuthMethod.MD5, "keyA", body);
    String computedWithBravosKey = AuthToken.token(AuthMethod.MD5, "keyB", body);
    assertThat(v.reason()).isEqualTo("authtoken does not match, authtoken=" + received
        + ", authstr=(withheld)").doesNotContain(computedWithBravosKey);
    assertThat(v.message()).isPresent();

    // Accepted when the receiver's active index uses the same key, whatever its method.
    assertThat(TestKeys.auth(3, "2 md5 keyA", "3 sha1 keyA").verify(fromAlpha).ok()).isTrue();
    assertThat(TestKeys.auth(2, "2 md5 keyA", "3 sha1 keyB").verify(fromAlpha).ok()).isTrue();
  }

  @Test
  void classicPacketsUseTheMethodAndKeyOfTheirOwnIndex() {
    Authenticator alpha = TestKeys.auth(2, "2 md5 keyA");
    byte[] classic = ClassicCodec.encode(alpha.withInnerAuth(STATUS));
    Authenticator bravo = TestKeys.auth(3, "2 md5 keyA", "3 sha1 keyB");
    VerifyResult v = bravo.verify(classic);
    assertThat(v.ok()).as(v.reason()).isTrue();
    assertThat(v.encoding()).contains(Encoding.CLASSIC);
    assertThat(v.index()).hasValue(2);

    byte[] withNul = Arrays.copyOf(classic, classic.length + 1);
    assertThat(bravo.verify(withNul).ok()).isTrue();

    VerifyResult wrong = TestKeys.auth(2, "2 md5 other").verify(classic);
    assertThat(wrong.ok()).isFalse();
    assertThat(wrong.reason()).startsWith("node [alpha] failed authentication: authtoken=")
        .endsWith(", authstr=(withheld)")
        .doesNotContain(TestKeys.auth(2, "2 md5 other").withInnerAuth(STATUS).get("auth").orElseThrow().substring(2));
  }

  @Test
  void classicVerificationTakesTheLastAuthField() {
    Authenticator a = TestKeys.auth(1, "1 sha1 k");
    Message signed = a.withInnerAuth(STATUS);
    Message twoAuths = Message.builder().add("auth", "1 0000").build();
    for (Field f : signed.fields()) {
      twoAuths = Message.of(append(twoAuths, f));
    }
    assertThat(a.verify(ClassicCodec.encode(twoAuths)).ok()).isTrue();
    Message lastWrong = Message.of(append(signed, Field.string("auth", "1 0000")));
    assertThat(a.verify(ClassicCodec.encode(lastWrong)).ok()).isFalse();
  }

  private static java.util.List<Field> append(Message m, Field f) {
    java.util.List<Field> list = new java.util.ArrayList<>(m.fields());
    list.add(f);
    return list;
  }

  @Test
  void unknownIndexIsInvalidAuthentication() {
    byte[] packet = TestKeys.auth(7, "7 sha1 k").sign(STATUS);
    VerifyResult v = TestKeys.auth(1, "1 sha1 k").verify(packet);
    assertThat(v.ok()).isFalse();
    assertThat(v.reason()).isEqualTo("Invalid authentication [7] in message!");
  }

  @Test
  void signAppendsAuthLastAndReplacesAnExistingOneInPlace() {
    Authenticator a = TestKeys.auth(1, "1 crc");
    Message signed = a.withInnerAuth(STATUS);
    assertThat(signed.fields().get(signed.fields().size() - 1).name()).isEqualTo("auth");
    assertThat(signed.get("auth").orElseThrow()).matches("1 [0-9a-f]{1,8}");
    assertThat(a.withInnerAuth(signed)).isEqualTo(signed);
  }

  @Test
  void noInnerAuthOnMessagesWithNestedOrCompressedFields() {
    Authenticator a = TestKeys.auth(1, "1 sha1 k");
    Message nested = STATUS.with(Field.struct("child", FieldType.STRUCT, Message.builder().add("a", "b").build()));
    assertThat(a.withInnerAuth(nested).get("auth")).isEmpty();
    Message compressed = STATUS.with(Field.raw("_compressed_payload", FieldType.COMPRESSED, new byte[] {1}));
    assertThat(a.withInnerAuth(compressed).get("auth")).isEmpty();
    assertThat(a.verify(a.sign(nested)).ok()).isTrue();
  }

  @Test
  void netstringFormatSendsOnlyTheTrailer() {
    Authenticator a = TestKeys.auth(1, "1 sha1 k");
    byte[] packet = a.sign(STATUS, Authenticator.MsgFormat.NETSTRING);
    assertThat(NetstringCodec.decode(packet).message()).contains(STATUS);
    assertThat(a.verify(packet).ok()).isTrue();
  }

  @Test
  void malformedTrailersAndForeignPacketsFailWithAReason() {
    Authenticator a = TestKeys.auth(1, "1 sha1 k");
    byte[] body = NetstringCodec.encode(STATUS);
    assertThat(a.verify(body).reason()).isEqualTo("no authentication trailer");
    assertThat(a.verify(concat(body, "5:1 abc")).reason()).startsWith("bad authentication trailer");
    assertThat(a.verify(concat(body, "3:abc,")).reason()).startsWith("bad authentication trailer [abc]");
    byte[] good = a.sign(STATUS);
    assertThat(a.verify(concat(good, "x")).reason()).isEqualTo("bytes after the authentication trailer");
    assertThat(a.verify("GET / HTTP/1.0\r\n".getBytes(ISO_8859_1)).reason()).isEqualTo("not a heartbeat packet");
    assertThat(a.verify(new byte[0]).ok()).isFalse();
    assertThat(a.verify(null).ok()).isFalse();
    assertThat(a.verify("###\n3:abc,%%%\n".getBytes(ISO_8859_1)).reason()).startsWith("netstring decode failed");
    assertThat(a.verify(">>>\nt=x\n<<<\n".getBytes(ISO_8859_1)).reason())
        .isEqualTo("node [?] failed authentication: no auth field");
  }

  private static byte[] concat(byte[] a, String b) {
    byte[] tail = b.getBytes(ISO_8859_1);
    byte[] r = Arrays.copyOf(a, a.length + tail.length);
    System.arraycopy(tail, 0, r, a.length, tail.length);
    return r;
  }
}
