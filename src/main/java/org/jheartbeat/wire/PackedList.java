package org.jheartbeat.wire;

/**
 * The packed text of a LIST field: each element as a netstring {@code len:elem,}, concatenated;
 * at least one element and no empty element (spec wire §2.1). Lengths are parsed digit by digit
 * and refused as soon as they exceed what is left, so no length can overflow.
 */
final class PackedList {
  private PackedList() {}

  /** An empty string when {@code bytes[from, to)} is a well-formed packed list, else why not. */
  static String check(byte[] bytes, int from, int to) {
    if (from >= to) {
      return "empty list";
    }
    int pos = from;
    while (pos < to) {
      long len = 0;
      int digits = 0;
      while (pos < to && bytes[pos] >= '0' && bytes[pos] <= '9') {
        len = len * 10 + (bytes[pos] - '0');
        digits++;
        pos++;
        if (len > to - pos) {
          return "list element length exceeds the field";
        }
      }
      if (digits == 0 || pos >= to || bytes[pos] != ':') {
        return "list element without length";
      }
      if (len == 0) {
        return "empty list element";
      }
      if (digits > 1 && bytes[pos - digits] == '0') {
        return "list element length with a leading zero";
      }
      pos++;
      if (len >= to - pos || bytes[pos + (int) len] != ',') {
        return "list element not terminated by ','";
      }
      pos += (int) len + 1;
    }
    return "";
  }
}
