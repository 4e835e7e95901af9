package org.jheartbeat.wire;

import java.util.Optional;

/**
 * The {@code "<n> <token>"} text of an inner {@code auth} field or a netstring trailer, read the
 * way heartbeat reads it with {@code sscanf("%d %s")} (spec wire §4.2, §4.3): optional leading
 * blanks, a decimal index, blanks, then the token up to the next blank; anything after the token
 * is ignored. Indexes longer than 9 digits are refused instead of overflowing.
 */
public record AuthField(int index, String token) {
  public static Optional<AuthField> parse(String text) {
    int p = 0;
    int n = text.length();
    while (p < n && isBlank(text.charAt(p))) {
      p++;
    }
    int digits = p;
    while (p < n && p - digits < 10 && text.charAt(p) >= '0' && text.charAt(p) <= '9') {
      p++;
    }
    if (p == digits || p - digits > 9 || p == n || !isBlank(text.charAt(p))) {
      return Optional.empty();
    }
    int index = Integer.parseInt(text.substring(digits, p));
    while (p < n && isBlank(text.charAt(p))) {
      p++;
    }
    int start = p;
    while (p < n && !isBlank(text.charAt(p))) {
      p++;
    }
    return p == start ? Optional.empty() : Optional.of(new AuthField(index, text.substring(start, p)));
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  @Override
  public String toString() {
    return index + " " + token;
  }
}
