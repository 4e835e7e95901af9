package org.jheartbeat.wire;

/**
 * One netstring {@code len:payload,} inside {@code b[pos, to)} (spec wire §2.1): the decimal
 * length has no sign and no leading zeros, and each digit is checked against the bytes left
 * before it is added, so a huge declared length fails at once instead of overflowing or
 * allocating. {@code start}/{@code end} delimit the payload, {@code next} is the offset after the
 * comma; {@code error} is empty on success.
 */
record Netstring(int start, int end, int next, String error) {
  static Netstring parse(byte[] b, int pos, int to) {
    long len = 0;
    int p = pos;
    while (p < to && b[p] >= '0' && b[p] <= '9') {
      if (p > pos && b[pos] == '0') {
        return failed("netstring length with a leading zero");
      }
      len = len * 10 + (b[p] - '0');
      p++;
      if (len > to - p) {
        return failed("netstring length exceeds the data");
      }
    }
    if (p == pos) {
      return failed("expected a netstring length");
    }
    if (p >= to || b[p] != ':') {
      return failed("netstring length not followed by ':'");
    }
    int start = p + 1;
    if (start + len >= to) {
      return failed("netstring not terminated by ','");
    }
    int end = start + (int) len;
    if (b[end] != ',') {
      return failed("netstring not terminated by ','");
    }
    return new Netstring(start, end, end + 1, "");
  }

  private static Netstring failed(String why) {
    return new Netstring(-1, -1, -1, why);
  }
}
