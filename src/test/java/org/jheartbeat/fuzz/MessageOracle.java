package org.jheartbeat.fuzz;

import static org.jheartbeat.fuzz.FuzzViolation.require;

import java.util.Arrays;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.ClassicCodec;
import org.jheartbeat.wire.DecodeResult;
import org.jheartbeat.wire.Field;
import org.jheartbeat.wire.FieldType;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.NetstringCodec;
import org.jheartbeat.wire.VerifyResult;
import org.jheartbeat.wire.TestKeys;
import org.jheartbeat.wire.WireLimits;

/**
 * The oracles for a message that decoded from {@code n} input bytes: its content is no larger
 * than the input (names and values, nested ones included); it survives netstring encode/decode
 * unchanged (unless that form is over the size limit, which the decoder must then refuse);
 * ClassicCodec.encode either refuses it with IllegalArgumentException or writes text
 * that decodes back to it (never a silently different message), and always succeeds for a
 * message that came from classic text; signed in both {@code msgfmt} forms it verifies and
 * decodes to the message that was signed, and so does its signed classic form.
 */
final class MessageOracle {
  /** Keys of the spec captures: real packets verify with them. */
  static final Authenticator SHA1 = TestKeys.auth(1, "1 sha1 SpecTestKey", "2 md5 SpecMd5Key", "3 crc");
  static final Authenticator MD5 = TestKeys.auth(2, "1 sha1 SpecTestKey", "2 md5 SpecMd5Key", "3 crc");
  /** Room the trailer takes after the body: "NN:" + index, blank, 40 hex digits, ",". */
  private static final int TRAILER_ROOM = 64;

  private MessageOracle() {}

  static void check(Message m, int inputLength, boolean fromClassic) {
    long size = footprint(m);
    require(size <= inputLength, () -> "decoded content of " + size + " bytes from " + inputLength + " input bytes");

    byte[] ns = NetstringCodec.encode(m);
    DecodeResult again = NetstringCodec.decode(ns);
    if (ns.length <= WireLimits.MAX_PACKET) {
      require(again.message().filter(m::equals).isPresent(), () ->
          "netstring decode(encode(m)) != m: " + again.reason() + " " + again.message());
    } else {
      require(!again.ok(), () -> "a netstring form over the size limit decodes");
    }

    byte[] classic = classicOrNull(m);
    require(classic != null || !fromClassic, () -> "a message decoded from classic text has no classic form: " + m);
    if (classic != null && classic.length <= WireLimits.MAX_PACKET) {
      DecodeResult c = ClassicCodec.decode(classic);
      require(c.message().filter(m::equals).isPresent(), () ->
          "classic decode(encode(m)) != m: " + c.reason() + " " + c.message() + " for " + m);
    }
    signed(m, SHA1);
    signed(m, MD5);
  }

  private static void signed(Message m, Authenticator auth) {
    Message withAuth = auth.withInnerAuth(m);
    if (NetstringCodec.encode(withAuth).length + TRAILER_ROOM > WireLimits.MAX_PACKET) {
      return; // sign() refuses a packet over the limit, which is right
    }
    for (Authenticator.MsgFormat format : Authenticator.MsgFormat.values()) {
      VerifyResult v = auth.verify(auth.sign(m, format));
      Message expected = format == Authenticator.MsgFormat.CLASSIC ? withAuth : m;
      require(v.ok(), () -> "signed (" + format + ") packet does not verify: " + v.reason());
      require(v.message().filter(expected::equals).isPresent(), () -> "signed (" + format + ") packet decodes to "
          + v.message() + " instead of " + expected);
    }
    boolean innerAuth = !withAuth.equals(m);
    if (innerAuth && m.field("auth").isEmpty()) {
      byte[] classic = classicOrNull(withAuth);
      if (classic != null) {
        VerifyResult v = auth.verify(classic);
        require(v.ok(), () -> "signed classic text does not verify: " + v.reason());
        require(v.message().filter(withAuth::equals).isPresent(), () -> "signed classic text decodes to "
            + v.message() + " instead of " + withAuth);
      }
    }
  }

  private static byte[] classicOrNull(Message m) {
    try {
      return ClassicCodec.encode(m);
    } catch (IllegalArgumentException noClassicForm) {
      return null;
    }
  }

  /** Names and values of a message, nested messages included: what a decoder keeps. */
  static long footprint(Message m) {
    long size = 0;
    for (Field f : m.fields()) {
      size += f.name().length();
      size += f.type() == FieldType.STRUCT || f.type() == FieldType.UNCOMPRESSED
          ? footprint(f.struct()) : f.bytes().length;
    }
    return size;
  }

  /** Whether {@code a[0, end)} equals {@code b}. */
  static boolean prefixEquals(byte[] a, int end, byte[] b) {
    return end >= 0 && end <= a.length && Arrays.equals(Arrays.copyOf(a, end), b);
  }
}
