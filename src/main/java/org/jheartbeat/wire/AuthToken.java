package org.jheartbeat.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jheartbeat.config.AuthMethod;

/**
 * The token of one auth method over some bytes, as heartbeat's HBauth plugins render it (spec
 * wire §4.4): {@code md5}/{@code sha1} are RFC 2104 HMAC-MD5/HMAC-SHA1 with the key's bytes as
 * 32/40 lower-case hex digits (a key longer than the 64-byte block is hashed by HMAC itself);
 * {@code crc} ignores the key and prints the CRC-32/POSIX core with {@code %lx}, i.e. without
 * leading zeros. An empty key is HMAC-equivalent to a single zero byte (HMAC pads short keys with
 * zeros), which is how it is passed to the JDK, whose key spec refuses empty keys.
 */
public final class AuthToken {
  private AuthToken() {}

  public static String token(AuthMethod method, String key, byte[] data) {
    return switch (method) {
      case CRC -> Long.toHexString(PosixCrc.value(data));
      case MD5 -> hmac("HmacMD5", key, data);
      case SHA1 -> hmac("HmacSHA1", key, data);
    };
  }

  private static String hmac(String algorithm, String key, byte[] data) {
    byte[] k = key.getBytes(StandardCharsets.ISO_8859_1);
    if (k.length == 0) {
      k = new byte[1];
    }
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(k, algorithm));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}
