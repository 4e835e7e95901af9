package org.jheartbeat.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Token-level syntax shared by the three configuration files: names, addresses, splitting. */
final class Lexical {
  private static final Pattern BLANKS = Pattern.compile("[ \\t]+");
  private static final Pattern LIST_SEPARATORS = Pattern.compile("[ \\t,]+");
  private static final Pattern IPV4 =
      Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
  private static final Pattern HOSTNAME =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\\.?");
  /**
   * Linux IFNAMSIZ is 16 including the NUL; '/' and blanks can never appear in a name. Only
   * printable ASCII is accepted: a control character would be dropped when a line is trimmed (the
   * fuzzer found "\u001fh0" read back from the dump as "h0").
   */
  private static final Pattern INTERFACE = Pattern.compile("[\\x21-\\x7e&&[^/]]{1,15}");
  /** Heartbeat's node-name buffer (HOSTLENG) is 100 bytes. */
  static final int MAX_NODE_NAME = 100;

  private Lexical() {}

  /** C's isspace(): what Heartbeat's sscanf("%d %s %s") skips between the words of authkeys. */
  private static final Pattern C_SPACES = Pattern.compile("[ \\t\\n\\x0B\\f\\r]+");

  /**
   * The words of an authkeys line as Heartbeat reads them: separated by C whitespace, so a form
   * feed ends a key; other control characters belong to the key (found by the fuzzer: "KEY\f K2"
   * kept the form feed in the key, "KEY\f" at the end of the line lost it).
   */
  static List<String> cWords(String text) {
    String trimmed = trimCSpace(text);
    return trimmed.isEmpty() ? List.of() : Arrays.asList(C_SPACES.split(trimmed));
  }

  /** {@code text} without leading and trailing C whitespace (not Java's wider String.strip()). */
  static String trimCSpace(String text) {
    int from = 0;
    int to = text.length();
    while (from < to && isCSpace(text.charAt(from))) {
      from++;
    }
    while (to > from && isCSpace(text.charAt(to - 1))) {
      to--;
    }
    return text.substring(from, to);
  }

  private static boolean isCSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** Splits on blanks and tabs, dropping empty tokens. */
  static List<String> words(String text) {
    String trimmed = text.strip();
    return trimmed.isEmpty() ? List.of() : Arrays.asList(BLANKS.split(trimmed));
  }

  /** Splits an option list on blanks, tabs and commas, as Heartbeat does for list directives. */
  static List<String> listTokens(String text) {
    return Arrays.stream(LIST_SEPARATORS.split(text.strip())).filter(t -> !t.isEmpty()).toList();
  }

  static boolean isIpv4(String text) {
    return IPV4.matcher(text).matches();
  }

  static boolean isHostname(String text) {
    // All-numeric dotted names are mistyped addresses (999.1.1.1), not host names.
    return text.length() <= 253
        && HOSTNAME.matcher(text).matches()
        && !text.matches("[0-9.]+");
  }

  static boolean isInterfaceName(String text) {
    return INTERFACE.matcher(text).matches() && !text.equals(".") && !text.equals("..");
  }

  /** The four octets of a dotted-quad address; call only after {@link #isIpv4}. */
  static int[] octets(String ipv4) {
    return Arrays.stream(ipv4.split("\\.")).mapToInt(Integer::parseInt).toArray();
  }

  static String checkNodeName(String name) throws InvalidValueException {
    if (name.length() > MAX_NODE_NAME) {
      throw new InvalidValueException(
          "node name '" + name + "' is longer than " + MAX_NODE_NAME + " characters");
    }
    for (char c : name.toCharArray()) {
      if (c < 0x21 || c > 0x7e || c == '=') {
        throw new InvalidValueException(
            "node name '" + name + "' contains '" + c + "' (use the name 'uname -n' prints)");
      }
    }
    return name.toLowerCase(java.util.Locale.ROOT);
  }
}
