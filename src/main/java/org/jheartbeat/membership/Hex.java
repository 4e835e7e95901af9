package org.jheartbeat.membership;

/** Number fields of spec wire §3.1: HEX (lower-case, unpadded) and DEC; -1 when unparsable. */
final class Hex {
  private Hex() {}

  static long parse(String s) {
    try {
      return s.isEmpty() ? -1 : Long.parseUnsignedLong(s, 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static long parseDec(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
