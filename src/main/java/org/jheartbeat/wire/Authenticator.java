package org.jheartbeat.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jheartbeat.config.AuthKey;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.AuthMethod;

/**
 * Signs and verifies packets with the keys of authkeys, exactly as heartbeat 3.0.6 does (spec
 * wire §2.4, §4). Sending with {@code msgfmt classic}: unless the message holds STRUCT,
 * COMPRESSED or UNCOMPRESSED fields, set {@code auth="<n> <token over the classic text>"} (n =
 * the active index), then encode netstring and append the trailer netstring {@code "<n> <token
 * over ###…%%%\n>"}; {@code msgfmt netstring} sends only the trailer. Receiving dispatches on
 * offset 0: a netstring packet is checked by its trailer with the real daemon's quirk, i.e. with
 * the ALGORITHM of the index n it names but the KEY of our own active index (an unconfigured n
 * fails with "Invalid authentication [n] in message!"); a classic packet is checked by its last
 * {@code auth} field with the method and key of the index it names. Tokens are compared in
 * constant time. Verification never throws.
 */
public final class Authenticator {
  /** The ha.cf {@code msgfmt} directive: whether the classic inner auth field is added. */
  public enum MsgFormat { CLASSIC, NETSTRING }

  private static final String AUTH = "auth";
  private static final List<FieldType> NO_INNER_AUTH =
      List.of(FieldType.STRUCT, FieldType.COMPRESSED, FieldType.UNCOMPRESSED);

  private final AuthKeys keys;

  public Authenticator(AuthKeys keys) {
    this.keys = Objects.requireNonNull(keys);
  }

  /** The packet a real 3.0.6 sender with {@code msgfmt classic} puts in a datagram. */
  public byte[] sign(Message message) {
    return sign(message, MsgFormat.CLASSIC);
  }

  public byte[] sign(Message message, MsgFormat format) {
    Message m = format == MsgFormat.CLASSIC ? withInnerAuth(message) : message;
    byte[] body = NetstringCodec.encode(m);
    AuthKey active = keys.active();
    String trailer = keys.activeIndex() + " " + AuthToken.token(active.method(), secret(active), body);
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    out.writeBytes(body);
    NetstringCodec.netstring(out, new byte[0], trailer.getBytes(StandardCharsets.ISO_8859_1));
    if (out.size() > WireLimits.MAX_PACKET) {
      throw new IllegalArgumentException("packet of " + out.size() + " bytes exceeds "
          + WireLimits.MAX_PACKET);
    }
    return out.toByteArray();
  }

  /**
   * The message with the classic inner {@code auth} field set (in place if one exists, else
   * appended last), or unchanged when it holds STRUCT/COMPRESSED/UNCOMPRESSED fields (§2.4).
   */
  public Message withInnerAuth(Message message) {
    if (message.fields().stream().anyMatch(f -> NO_INNER_AUTH.contains(f.type()))) {
      return message;
    }
    AuthKey active = keys.active();
    String token = AuthToken.token(active.method(), secret(active), ClassicCodec.authText(message));
    return message.with(AUTH, keys.activeIndex() + " " + token);
  }

  public VerifyResult verify(byte[] packet) {
    if (packet == null) {
      return VerifyResult.failed("not a heartbeat packet");
    }
    Optional<Encoding> encoding = Encoding.detect(packet);
    if (encoding.isEmpty()) {
      return VerifyResult.failed("not a heartbeat packet");
    }
    DecodeResult decoded = PacketDecoder.decode(packet);
    if (!decoded.ok()) {
      return VerifyResult.failed(encoding.get().name().toLowerCase(java.util.Locale.ROOT)
          + " decode failed: " + decoded.reason());
    }
    Message message = decoded.message().orElseThrow();
    return encoding.get() == Encoding.NETSTRING
        ? verifyTrailer(packet, decoded.end(), message)
        : verifyClassic(message);
  }

  private VerifyResult verifyTrailer(byte[] packet, int end, Message message) {
    if (end == packet.length) {
      return VerifyResult.failed(Encoding.NETSTRING, message, "no authentication trailer");
    }
    Netstring ns = Netstring.parse(packet, end, packet.length);
    if (!ns.error().isEmpty()) {
      return VerifyResult.failed(Encoding.NETSTRING, message, "bad authentication trailer: " + ns.error());
    }
    if (ns.next() != packet.length) {
      return VerifyResult.failed(Encoding.NETSTRING, message, "bytes after the authentication trailer");
    }
    String text = new String(packet, ns.start(), ns.end() - ns.start(), StandardCharsets.ISO_8859_1);
    Optional<AuthField> auth = AuthField.parse(text);
    if (auth.isEmpty()) {
      return VerifyResult.failed(Encoding.NETSTRING, message, "bad authentication trailer [" + text + "]");
    }
    int n = auth.get().index();
    Optional<AuthKey> named = n <= AuthKeys.MAX_INDEX ? keys.key(n) : Optional.empty();
    if (named.isEmpty()) {
      return VerifyResult.failed(Encoding.NETSTRING, message,
          "Invalid authentication [" + n + "] in message!");
    }
    // The real receiver's quirk (§4.3): index n's algorithm, but our own outbound key.
    AuthMethod method = named.get().method();
    byte[] covered = java.util.Arrays.copyOf(packet, end);
    String computed = AuthToken.token(method, secret(keys.active()), covered);
    boolean ok = same(auth.get().token(), computed);
    return VerifyResult.of(ok, Encoding.NETSTRING, message, ok ? "" : "authtoken does not match, authtoken="
        + auth.get().token() + ", authstr=" + WITHHELD, n, method);
  }

  private VerifyResult verifyClassic(Message message) {
    String node = message.get("src").orElse("?");
    Optional<Field> last = message.fields().stream()
        .filter(f -> f.name().equals(AUTH) && f.type() == FieldType.STRING)
        .reduce((a, b) -> b);
    if (last.isEmpty()) {
      return VerifyResult.failed(Encoding.CLASSIC, message,
          "node [" + node + "] failed authentication: no auth field");
    }
    Optional<AuthField> auth = AuthField.parse(last.get().text());
    if (auth.isEmpty()) {
      return VerifyResult.failed(Encoding.CLASSIC, message,
          "node [" + node + "] failed authentication: bad auth field [" + last.get().text() + "]");
    }
    int n = auth.get().index();
    Optional<AuthKey> named = n <= AuthKeys.MAX_INDEX ? keys.key(n) : Optional.empty();
    if (named.isEmpty()) {
      return VerifyResult.failed(Encoding.CLASSIC, message,
          "node [" + node + "] failed authentication: Invalid authentication [" + n + "] in message!");
    }
    String computed;
    try {
      computed = AuthToken.token(named.get().method(), secret(named.get()), ClassicCodec.authText(message));
    } catch (IllegalArgumentException e) {
      return VerifyResult.failed(Encoding.CLASSIC, message,
          "node [" + node + "] failed authentication: " + e.getMessage());
    }
    boolean ok = same(auth.get().token(), computed);
    return VerifyResult.of(ok, Encoding.CLASSIC, message, ok ? "" : "node [" + node
        + "] failed authentication: authtoken=" + auth.get().token() + ", authstr=" + WITHHELD,
        n, named.get().method());
  }

  /**
   * Heartbeat logs the token it computed ({@code authstr}); but that is a valid signature of the
   * packet received, so anyone able to send packets and read the log could have any message of
   * their choosing signed. The line keeps Heartbeat's shape without the value.
   */
  static final String WITHHELD = "(withheld)";

  private static boolean same(String received, String computed) {
    return MessageDigest.isEqual(received.getBytes(StandardCharsets.ISO_8859_1),
        computed.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String secret(AuthKey key) {
    return key.secret().orElse("");
  }
}
