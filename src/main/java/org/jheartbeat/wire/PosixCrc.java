package org.jheartbeat.wire;

import java.util.zip.CRC32;

/**
 * Heartbeat's {@code crc} auth method (spec wire §4.4): CRC-32 with polynomial 0x04C11DB7
 * processed MSB-first, initial register 0, result {@code ~crc} (the CRC-32/POSIX core without
 * cksum's length suffix), computed with the JDK's {@link CRC32} rather than a table of our own.
 * CRC32 is the reflected algorithm with init and xorout 0xFFFFFFFF, and two identities bridge the
 * forms: (1) running the reflected algorithm over bit-reversed bytes gives the bit-reversed
 * register of the MSB-first algorithm, {@code refl(R(I), r(d)) = R(msb(I, d))}; (2) a CRC
 * register is linear in (init ⊕ data), so for the same length
 * {@code refl(init=~0, d) = refl(init=0, d) ⊕ refl(init=~0, 0ⁿ)}. CRC32's final xor cancels in the
 * difference, hence {@code msb(0, d) = R(CRC32(r(d)) ⊕ CRC32(0ⁿ))} and the token is its
 * complement. Check values: "123456789" → 765e7680, "" → ffffffff.
 */
final class PosixCrc {
  private static final byte[] ZEROS = new byte[4096];
  private static final byte[] REVERSED = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      REVERSED[i] = (byte) (Integer.reverse(i) >>> 24);
    }
  }

  private PosixCrc() {}

  /** The 32-bit value heartbeat prints with {@code %lx}. */
  static long value(byte[] data) {
    CRC32 reflectedData = new CRC32();
    CRC32 zeroRun = new CRC32();
    byte[] chunk = new byte[Math.min(data.length, ZEROS.length)];
    for (int off = 0; off < data.length; off += chunk.length) {
      int n = Math.min(chunk.length, data.length - off);
      for (int i = 0; i < n; i++) {
        chunk[i] = REVERSED[data[off + i] & 0xFF];
      }
      reflectedData.update(chunk, 0, n);
      zeroRun.update(ZEROS, 0, n);
    }
    int register = Integer.reverse((int) (reflectedData.getValue() ^ zeroRun.getValue()));
    return ~register & 0xFFFF_FFFFL;
  }
}
