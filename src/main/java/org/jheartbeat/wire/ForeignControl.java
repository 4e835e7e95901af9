package org.jheartbeat.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Recognises, without decoding or authenticating, an {@code NS_ackmsg}, {@code NS_rexmit} or
 * {@code NS_nak_rexmit} addressed to another node (spec wire §7.2 step 2: such a message is
 * dropped by every node but its addressee). Every node acks every peer's messages and ACKs are
 * broadcast, so in an N-node cluster a node receives about N²/2 ACKs a second of which only N/2
 * are its own: at 32 nodes three quarters of all packets; after loss, every retransmission
 * request and NAK reaches all N nodes too, and all but one drop it. Checking them first spares
 * the HMAC, the parse and a hand-over to the event loop for each. Answers true only for a
 * well-formed packet whose single {@code t} is one of those types and whose single {@code dest}
 * names someone else; anything unusual goes the normal way (and is authenticated there), so the
 * worst a forged packet can do here is be dropped unauthenticated.
 */
public final class ForeignControl {
  private static final byte[] NETSTRING_START = "###\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NETSTRING_END = "%%%\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLASSIC_START = ">>>\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLASSIC_END = "<<<\n".getBytes(StandardCharsets.US_ASCII);
  private static final List<byte[]> TYPES = Stream.of("NS_ackmsg", "NS_rexmit", "NS_nak_rexmit")
      .map(t -> t.getBytes(StandardCharsets.US_ASCII)).toList();
  private static final int MAX_LENGTH_DIGITS = 6;

  private ForeignControl() {}

  /** True if {@code packet} is one of those control messages whose {@code dest} is not {@code self} (node names ignore case). */
  public static boolean isForAnother(byte[] packet, String self) {
    if (packet == null || packet.length < NETSTRING_START.length) {
      return false;
    }
    Fields f = startsWith(packet, 0, NETSTRING_START) ? netstringFields(packet)
        : startsWith(packet, 0, CLASSIC_START) ? classicFields(packet) : null;
    return f != null && f.typeCount == 1 && f.destCount == 1 && f.typeIsControl
        && !new String(f.dest, StandardCharsets.ISO_8859_1).equalsIgnoreCase(self);
  }

  /** The t and dest fields seen; null from a scanner means "not sure, take the normal path". */
  private static final class Fields {
    int typeCount;
    int destCount;
    boolean typeIsControl;
    byte[] dest;

    void field(byte[] p, int nameFrom, int nameTo, int valueFrom, int valueTo) {
      if (is(p, nameFrom, nameTo, "t")) {
        typeCount++;
        typeIsControl = TYPES.stream().anyMatch(t -> valueTo - valueFrom == t.length && startsWith(p, valueFrom, t));
      } else if (is(p, nameFrom, nameTo, "dest")) {
        destCount++;
        dest = Arrays.copyOfRange(p, valueFrom, valueTo);
      }
    }
  }

  /** {@code len:(type)name=value,} netstrings until {@code %%%\n}. */
  private static Fields netstringFields(byte[] p) {
    Fields f = new Fields();
    int i = NETSTRING_START.length;
    while (!startsWith(p, i, NETSTRING_END)) {
      int len = 0;
      int digits = 0;
      while (i < p.length && p[i] >= '0' && p[i] <= '9' && digits < MAX_LENGTH_DIGITS) {
        len = len * 10 + (p[i++] - '0');
        digits++;
      }
      if (digits == 0 || i >= p.length || p[i] != ':') {
        return null;
      }
      int from = i + 1;
      int to = from + len;
      if (to >= p.length || p[to] != ',') {
        return null;
      }
      if (!field(f, p, from, to)) {
        return null;
      }
      i = to + 1;
    }
    return f;
  }

  /** {@code [(type)]name=value\n} lines until {@code <<<\n}. */
  private static Fields classicFields(byte[] p) {
    Fields f = new Fields();
    int i = CLASSIC_START.length;
    while (!startsWith(p, i, CLASSIC_END)) {
      int end = i;
      while (end < p.length && p[end] != '\n') {
        end++;
      }
      if (end >= p.length || !field(f, p, i, end)) {
        return null;
      }
      i = end + 1;
    }
    return f;
  }

  /** One {@code [(type)]name=value} field in p[from, to); false if it is malformed. */
  private static boolean field(Fields f, byte[] p, int from, int to) {
    int nameFrom = from;
    if (nameFrom < to && p[nameFrom] == '(') {
      while (nameFrom < to && p[nameFrom] != ')') {
        nameFrom++;
      }
      nameFrom++;
    }
    int eq = nameFrom;
    while (eq < to && p[eq] != '=') {
      eq++;
    }
    if (eq >= to) {
      return false;
    }
    f.field(p, nameFrom, eq, eq + 1, to);
    return true;
  }

  private static boolean is(byte[] p, int from, int to, String name) {
    if (to - from != name.length()) {
      return false;
    }
    for (int k = 0; k < name.length(); k++) {
      if (p[from + k] != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] p, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > p.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (p[at + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }
}
