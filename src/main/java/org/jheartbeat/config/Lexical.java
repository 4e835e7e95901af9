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
