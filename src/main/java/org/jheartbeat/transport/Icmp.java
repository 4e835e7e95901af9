package org.jheartbeat.transport;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;

/**
 * ICMP echo packets as Heartbeat's ping plugin writes and reads them (spec wire §5.5, RFC 792):
 * request = type 8, code 0, Internet checksum (RFC 1071) over header and data, identifier = low
 * 16 bits of our PID stored in <b>host byte order</b> (little-endian on x86: PID 22522 appears as
 * bytes {@code fa 57}), sequence big-endian, data = the packet bytes. A raw socket hands us the IP
 * header too, so {@link #parseReply} skips IHL*4 bytes and accepts only echo replies (type 0) that
 * carry our identifier and a valid checksum. Pure byte work; no sockets.
 */
public final class Icmp {
  public static final int ECHO_REPLY = 0;
  public static final int ECHO_REQUEST = 8;
  public static final int HEADER_LENGTH = 8;

  private Icmp() {}

  /** An echo reply addressed to us: its sequence number and the echoed data. */
  public record EchoReply(int sequence, byte[] data) {}

  /** The identifier Heartbeat uses: low 16 bits of the PID. */
  public static int identifierFor(long pid) {
    return (int) (pid & 0xffff);
  }

  /** Builds an echo request with {@code identifier} in host byte order ({@code order}). */
  public static byte[] echoRequest(int identifier, int sequence, byte[] data, ByteOrder order) {
    byte[] p = new byte[HEADER_LENGTH + data.length];
    p[0] = ECHO_REQUEST;
    p[1] = 0;
    ByteBuffer.wrap(p, 4, 2).order(order).putShort((short) identifier);
    p[6] = (byte) (sequence >>> 8);
    p[7] = (byte) sequence;
    System.arraycopy(data, 0, p, HEADER_LENGTH, data.length);
    int sum = checksum(p, 0, p.length);
    p[2] = (byte) (sum >>> 8);
    p[3] = (byte) sum;
    return p;
  }

  /** Same, in the byte order of this machine, as Heartbeat does. */
  public static byte[] echoRequest(int identifier, int sequence, byte[] data) {
    return echoRequest(identifier, sequence, data, ByteOrder.nativeOrder());
  }

  /** The RFC 1071 one's-complement checksum of {@code len} bytes (0 for a packet that includes its correct checksum). */
  public static int checksum(byte[] b, int off, int len) {
    long sum = 0;
    int i = off;
    int end = off + len;
    for (; i + 1 < end; i += 2) {
      sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }
    if (i < end) {
      sum += (b[i] & 0xff) << 8;
    }
    while ((sum >> 16) != 0) {
      sum = (sum & 0xffff) + (sum >> 16);
    }
    return (int) (~sum & 0xffff);
  }

  /**
   * Parses what a raw ICMP socket returned (IPv4 header + ICMP): the reply if it is an echo
   * reply with {@code identifier} (host order {@code order}) and a correct checksum, else empty.
   */
  public static Optional<EchoReply> parseReply(byte[] raw, int len, int identifier, ByteOrder order) {
    if (len < 20 || (raw[0] & 0xf0) != 0x40) {
      return Optional.empty();
    }
    int ihl = (raw[0] & 0x0f) * 4;
    if (ihl < 20 || len < ihl + HEADER_LENGTH) {
      return Optional.empty();
    }
    if (raw[ihl] != ECHO_REPLY || raw[ihl + 1] != 0) {
      return Optional.empty();
    }
    int id = ByteBuffer.wrap(raw, ihl + 4, 2).order(order).getShort() & 0xffff;
    if (id != (identifier & 0xffff)) {
      return Optional.empty();
    }
    if (checksum(raw, ihl, len - ihl) != 0) {
      return Optional.empty();
    }
    int seq = ((raw[ihl + 6] & 0xff) << 8) | (raw[ihl + 7] & 0xff);
    return Optional.of(new EchoReply(seq, Arrays.copyOfRange(raw, ihl + HEADER_LENGTH, len)));
  }

  public static Optional<EchoReply> parseReply(byte[] raw, int len, int identifier) {
    return parseReply(raw, len, identifier, ByteOrder.nativeOrder());
  }
}
