package org.jheartbeat.wire.pcap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads classic libpcap files from bytes (no sockets, no clock): the 24-byte global header with
 * magic 0xA1B2C3D4 (microseconds) or 0xA1B23C4D (nanoseconds) in either byte order, then records
 * of 16-byte header + captured bytes. Link types Ethernet (1, with 802.1Q tags), Linux cooked
 * SLL (113), SLL2 (276) and raw IPv4 (101, 228) are understood; IPv4 frames give their UDP payload
 * (any port; the caller filters) or the data of an ICMP echo request/reply. Fragments,
 * truncated and malformed frames are skipped; a truncated last record ends the file; nothing
 * throws.
 */
public final class PcapReader {
  private static final int MAGIC_MICROS = 0xA1B2C3D4;
  private static final int MAGIC_NANOS = 0xA1B23C4D;

  private PcapReader() {}

  /** Whether the bytes start with a classic pcap magic number (either byte order). */
  public static boolean isPcap(byte[] file) {
    return header(file).isPresent();
  }

  /** Every UDP payload and ICMP echo data in the capture; empty if this is not a pcap file. */
  public static List<CapturedPayload> read(byte[] file) {
    Optional<Header> header = header(file);
    List<CapturedPayload> out = new ArrayList<>();
    if (header.isEmpty()) {
      return out;
    }
    Header h = header.get();
    int pos = 24;
    int frame = 0;
    while (file.length - pos >= 16) {
      long seconds = h.u32(file, pos);
      long fraction = h.u32(file, pos + 4);
      long captured = h.u32(file, pos + 8);
      pos += 16;
      if (captured > file.length - pos) {
        break;
      }
      frame++;
      int nanos = (int) Math.min(999_999_999L, h.nanos ? fraction : fraction * 1000);
      frame(file, pos, pos + (int) captured, h.linkType, frame, seconds, nanos, out);
      pos += (int) captured;
    }
    return out;
  }

  private static void frame(byte[] b, int from, int to, long linkType, int frame, long seconds,
      int nanos, List<CapturedPayload> out) {
    int ip;
    int etherType;
    switch ((int) linkType) {
      case 1 -> {
        int p = from + 12;
        while (to - p >= 2 && (u16(b, p) == 0x8100 || u16(b, p) == 0x88A8)) {
          p += 4;
        }
        if (to - p < 2) {
          return;
        }
        etherType = u16(b, p);
        ip = p + 2;
      }
      case 113 -> {
        if (to - from < 16) {
          return;
        }
        etherType = u16(b, from + 14);
        ip = from + 16;
      }
      case 276 -> {
        if (to - from < 20) {
          return;
        }
        etherType = u16(b, from);
        ip = from + 20;
      }
      case 101, 228 -> {
        etherType = 0x0800;
        ip = from;
      }
      default -> {
        return;
      }
    }
    if (etherType == 0x0800) {
      ipv4(b, ip, to, frame, seconds, nanos, out);
    }
  }

  private static void ipv4(byte[] b, int from, int to, int frame, long seconds, int nanos,
      List<CapturedPayload> out) {
    if (to - from < 20 || (b[from] & 0xF0) != 0x40) {
      return;
    }
    int headerLength = (b[from] & 0x0F) * 4;
    int total = u16(b, from + 2);
    if (headerLength < 20 || total < headerLength || total > to - from) {
      return;
    }
    int flagsFragment = u16(b, from + 6);
    if ((flagsFragment & 0x2000) != 0 || (flagsFragment & 0x1FFF) != 0) {
      return;
    }
    int protocol = b[from + 9] & 0xFF;
    int src = (int) u32be(b, from + 12);
    int dst = (int) u32be(b, from + 16);
    int p = from + headerLength;
    int end = from + total;
    if (protocol == 17 && end - p >= 8) {
      int udpLength = u16(b, p + 4);
      if (udpLength < 8 || udpLength > end - p) {
        return;
      }
      out.add(new CapturedPayload(frame, seconds, nanos, new Ipv4Endpoint(src, u16(b, p)),
          new Ipv4Endpoint(dst, u16(b, p + 2)), CapturedPayload.Medium.UDP,
          Arrays.copyOfRange(b, p + 8, p + udpLength)));
    } else if (protocol == 1 && end - p >= 8 && b[p + 1] == 0 && (b[p] == 8 || b[p] == 0)) {
      CapturedPayload.Medium medium = b[p] == 8
          ? CapturedPayload.Medium.ICMP_ECHO_REQUEST : CapturedPayload.Medium.ICMP_ECHO_REPLY;
      out.add(new CapturedPayload(frame, seconds, nanos, new Ipv4Endpoint(src, 0),
          new Ipv4Endpoint(dst, 0), medium, Arrays.copyOfRange(b, p + 8, end)));
    }
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  private static long u32be(byte[] b, int p) {
    return ((long) (b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  private static Optional<Header> header(byte[] file) {
    if (file == null || file.length < 24) {
      return Optional.empty();
    }
    int be = (int) u32be(file, 0);
    int le = Integer.reverseBytes(be);
    boolean little;
    boolean nanos;
    if (be == MAGIC_MICROS || be == MAGIC_NANOS) {
      little = false;
      nanos = be == MAGIC_NANOS;
    } else if (le == MAGIC_MICROS || le == MAGIC_NANOS) {
      little = true;
      nanos = le == MAGIC_NANOS;
    } else {
      return Optional.empty();
    }
    Header h = new Header(little, nanos, 0);
    return Optional.of(new Header(little, nanos, h.u32(file, 20) & 0xFFFFL));
  }

  private record Header(boolean little, boolean nanos, long linkType) {
    long u32(byte[] b, int p) {
      long v = u32be(b, p);
      return little ? Integer.reverseBytes((int) v) & 0xFFFF_FFFFL : v;
    }
  }
}
