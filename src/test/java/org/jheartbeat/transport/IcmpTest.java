package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcmpTest {
  private static final byte[] DATA = "t=NS_st st=ping".getBytes(StandardCharsets.US_ASCII);

  @Test
  void checksumMatchesTheRfc1071Example() {
    byte[] b = {0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7};
    // RFC 1071 §3: the one's-complement sum is 0xddf2, so the checksum is its complement.
    assertThat(Icmp.checksum(b, 0, b.length)).isEqualTo(0x220d);
  }

  @Test
  void oddLengthIsPaddedWithZero() {
    assertThat(Icmp.checksum(new byte[] {0x12, 0x34, 0x56}, 0, 3))
        .isEqualTo(~(0x1234 + 0x5600) & 0xffff);
  }

  @Test
  void echoRequestLayoutAndChecksum() {
    byte[] p = Icmp.echoRequest(Icmp.identifierFor(22522), 1, DATA, ByteOrder.LITTLE_ENDIAN);
    assertThat(p[0]).isEqualTo((byte) 8);
    assertThat(p[1]).isEqualTo((byte) 0);
    // spec wire §5.5: PID 22522 = 0x57FA is on the wire as fa 57 (host order, x86)
    assertThat(new byte[] {p[4], p[5]}).containsExactly(0xfa, 0x57);
    assertThat(new byte[] {p[6], p[7]}).containsExactly(0x00, 0x01);
    assertThat(p).endsWith(DATA);
    assertThat(p).hasSize(8 + DATA.length);
    int stored = ((p[2] & 0xff) << 8) | (p[3] & 0xff);
    byte[] zeroed = p.clone();
    zeroed[2] = 0;
    zeroed[3] = 0;
    assertThat(stored).isEqualTo(Icmp.checksum(zeroed, 0, zeroed.length)).isNotZero();
    assertThat(Icmp.checksum(p, 0, p.length)).isZero();
  }

  @Test
  void identifierIsTheLow16BitsOfThePid() {
    assertThat(Icmp.identifierFor(0x1_57fa)).isEqualTo(0x57fa);
    byte[] big = Icmp.echoRequest(0x0d5e, 0, DATA, ByteOrder.BIG_ENDIAN);
    assertThat(new byte[] {big[4], big[5]}).containsExactly(0x0d, 0x5e);
  }

  @Test
  void sequenceIsBigEndian() {
    byte[] p = Icmp.echoRequest(1, 0x0102, DATA, ByteOrder.LITTLE_ENDIAN);
    assertThat(new byte[] {p[6], p[7]}).containsExactly(0x01, 0x02);
  }

  @Test
  void parsesAnEchoReplyBehindAnIpHeader() {
    byte[] raw = reply(0x57fa, 7, 0x45, ByteOrder.LITTLE_ENDIAN);
    var r = Icmp.parseReply(raw, raw.length, 0x57fa, ByteOrder.LITTLE_ENDIAN);
    assertThat(r).isPresent();
    assertThat(r.get().sequence()).isEqualTo(7);
    assertThat(r.get().data()).isEqualTo(DATA);
  }

  @Test
  void honoursIpOptions() {
    byte[] raw = reply(0x57fa, 7, 0x46, ByteOrder.LITTLE_ENDIAN);
    assertThat(Icmp.parseReply(raw, raw.length, 0x57fa, ByteOrder.LITTLE_ENDIAN)).isPresent();
  }

  @Test
  void rejectsOtherIdentifiersRequestsAndBadChecksums() {
    byte[] raw = reply(0x57fa, 7, 0x45, ByteOrder.LITTLE_ENDIAN);
    assertThat(Icmp.parseReply(raw, raw.length, 0x57fb, ByteOrder.LITTLE_ENDIAN)).isEmpty();
    // the same identifier in the other byte order is someone else's
    assertThat(Icmp.parseReply(raw, raw.length, 0xfa57, ByteOrder.BIG_ENDIAN)).isPresent();
    assertThat(Icmp.parseReply(raw, raw.length, 0x57fa, ByteOrder.BIG_ENDIAN)).isEmpty();

    byte[] request = raw.clone();
    request[20] = 8;
    assertThat(Icmp.parseReply(request, request.length, 0x57fa, ByteOrder.LITTLE_ENDIAN)).isEmpty();

    byte[] corrupt = raw.clone();
    corrupt[corrupt.length - 1] ^= 1;
    assertThat(Icmp.parseReply(corrupt, corrupt.length, 0x57fa, ByteOrder.LITTLE_ENDIAN)).isEmpty();
    assertThat(Icmp.parseReply(raw, 25, 0x57fa, ByteOrder.LITTLE_ENDIAN)).isEmpty();
  }

  /** An IPv4 datagram (header length ihlByte) carrying the echo reply to our request. */
  static byte[] reply(int id, int seq, int ihlByte, ByteOrder order) {
    byte[] icmp = Icmp.echoRequest(id, seq, DATA, order);
    icmp[0] = 0;
    icmp[2] = 0;
    icmp[3] = 0;
    int sum = Icmp.checksum(icmp, 0, icmp.length);
    icmp[2] = (byte) (sum >>> 8);
    icmp[3] = (byte) sum;
    int ihl = (ihlByte & 0x0f) * 4;
    byte[] raw = new byte[ihl + icmp.length];
    raw[0] = (byte) ihlByte;
    raw[9] = 1;
    System.arraycopy(icmp, 0, raw, ihl, icmp.length);
    return raw;
  }
}
