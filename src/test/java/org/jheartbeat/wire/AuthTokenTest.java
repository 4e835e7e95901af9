package org.jheartbeat.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.jheartbeat.config.AuthMethod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The algorithm check values of test-vectors.md §1 (real HBauth plugins). */
class AuthTokenTest {
  private static final String FOX = "The quick brown fox jumps over the lazy dog";

  @ParameterizedTest
  @CsvSource({
    "CRC,,123456789,765e7680",
    "CRC,,,ffffffff",
    "CRC,,'" + FOX + "',36b78081",
    "MD5,key,123456789,5e626ae1697592837b2b50fae1fdcef7",
    "MD5,key,,63530468a04e386459855da0063b6596",
    "MD5,key,'" + FOX + "',80070713463e7749b90c2dc24911e275",
    "SHA1,key,123456789,63cf659b66041a4f19ed01dc5f54dc7603b62c50",
    "SHA1,key,,f42bb0eeb018ebbd4597ae7213711ec60760843f",
    "SHA1,key,'" + FOX + "',de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9",
  })
  void checkValues(AuthMethod method, String key, String data, String token) {
    byte[] bytes = data == null ? new byte[0] : data.getBytes(ISO_8859_1);
    assertThat(AuthToken.token(method, key == null ? "" : key, bytes)).isEqualTo(token);
  }

  @ParameterizedTest
  @CsvSource({"1,04c11db7", "2,09823b6e", "255,b1f740b4"})
  void crcOfOneByteAfterZeroRegisterMatchesTheTableEntries(int index, String entry) {
    // One byte b through an init-0 register gives T[b]; the token is its complement.
    long value = PosixCrc.value(new byte[] {(byte) index});
    assertThat(String.format("%08x", ~value & 0xFFFFFFFFL)).isEqualTo(entry);
  }

  @ParameterizedTest
  @CsvSource({"4095", "4096", "4097", "10000"})
  void crcOfLongInputsMatchesTheBitwiseDefinition(int length) {
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      data[i] = (byte) (i * 31 + 7);
    }
    assertThat(PosixCrc.value(data)).isEqualTo(bitwise(data));
  }

  /** The MSB-first definition of spec §4.4, bit by bit (a test oracle, not production code). */
  private static long bitwise(byte[] data) {
    int crc = 0;
    for (byte b : data) {
      crc ^= (b & 0xFF) << 24;
      for (int i = 0; i < 8; i++) {
        crc = crc < 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
      }
    }
    return ~crc & 0xFFFFFFFFL;
  }

  @ParameterizedTest
  @CsvSource({"MD5,32", "SHA1,40"})
  void longKeysAreHashedByHmac(AuthMethod method, int digits) {
    String longKey = "0123456789012345678901234567890123456789012345678901234567890123456789ABCDEFGHIJ";
    assertThat(AuthToken.token(method, longKey, "x".getBytes(ISO_8859_1))).hasSize(digits)
        .isNotEqualTo(AuthToken.token(method, longKey.substring(0, 64), "x".getBytes(ISO_8859_1)));
  }
}
