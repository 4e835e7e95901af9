package org.jheartbeat.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heartbeat's time syntax for ha.cf (ha.cf(5); spec membership §4.1): a decimal number, maybe
 * fractional, then optionally blanks and a unit. No unit means seconds, {@code ms} milliseconds,
 * {@code us} or {@code usec} microseconds. The result is rounded to the nearest millisecond, so
 * {@code 1.5} is 1500 ms and {@code 499us} is 0 ms. Anything else after the number is an error.
 */
public final class TimeSyntax {
  private static final Pattern TIME =
      Pattern.compile("([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)[ \\t]*([a-zA-Z]*)");
  private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Integer.MAX_VALUE);

  private TimeSyntax() {}

  /** Milliseconds for {@code text}. */
  public static long parseMillis(String text) throws InvalidValueException {
    String trimmed = text.trim();
    if (trimmed.startsWith("-")) {
      throw new InvalidValueException("time '" + text + "' is negative");
    }
    Matcher m = TIME.matcher(trimmed);
    if (!m.matches()) {
      throw new InvalidValueException(
          "'" + text + "' is not a time (write seconds such as 15 or 1.5, or 500ms, or 2500us)");
    }
    BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
    BigDecimal millis =
        switch (m.group(2)) {
          case "" -> number.movePointRight(3);
          case "ms" -> number;
          case "us", "usec" -> number.movePointLeft(3);
          default -> throw new InvalidValueException(
              "unknown time unit '" + m.group(2) + "' in '" + text
                  + "' (no unit means seconds; the units are ms, us and usec)");
        };
    BigDecimal rounded = millis.setScale(0, RoundingMode.HALF_UP);
    if (rounded.compareTo(MAX_MILLIS) > 0) {
      throw new InvalidValueException("time '" + text + "' is too large");
    }
    return rounded.longValueExact();
  }

  /** The canonical text of a time, as {@code heartbeat -D} prints defaults: {@code 1000ms}. */
  public static String format(long millis) {
    return millis + "ms";
  }
}
