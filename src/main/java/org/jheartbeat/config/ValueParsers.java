package org.jheartbeat.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The value syntaxes of ha.cf directives, one factory per kind of value. */
final class ValueParsers {
  private static final Set<String> TRUE_WORDS = Set.of("true", "on", "yes", "y", "1");
  private static final Set<String> FALSE_WORDS = Set.of("false", "off", "no", "n", "0");

  private ValueParsers() {}

  static ValueParser time() {
    return TimeSyntax::parseMillis;
  }

  static ValueParser integer(long min, long max) {
    return text -> {
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw new InvalidValueException("'" + text + "' is not a whole number");
      }
      if (value < min || value > max) {
        throw new InvalidValueException(
            value + " is out of range (" + min + " to " + max + ")");
      }
      return value;
    };
  }

  static ValueParser oneOf(long... allowed) {
    return text -> {
      long value = (Long) integer(Long.MIN_VALUE, Long.MAX_VALUE).parse(text);
      for (long a : allowed) {
        if (a == value) {
          return value;
        }
      }
      throw new InvalidValueException(
          value + " is not one of " + java.util.Arrays.toString(allowed));
    };
  }

  static boolean parseBoolean(String text) throws InvalidValueException {
    String word = text.toLowerCase(Locale.ROOT);
    if (TRUE_WORDS.contains(word)) {
      return true;
    }
    if (FALSE_WORDS.contains(word)) {
      return false;
    }
    throw new InvalidValueException(
        "'" + text + "' is not a boolean (true/on/yes/y/1 or false/off/no/n/0)");
  }

  static ValueParser bool() {
    return ValueParsers::parseBoolean;
  }

  /** One of fixed words, compared case-insensitively; the result is the lower-case word. */
  static ValueParser choice(String... words) {
    List<String> allowed = List.of(words);
    return text -> {
      String word = text.toLowerCase(Locale.ROOT);
      if (!allowed.contains(word)) {
        throw new InvalidValueException(
            "'" + text + "' is not one of " + String.join(", ", allowed));
      }
      return word;
    };
  }

  /** A fixed word or a boolean (booleans are returned as "true"/"false"). */
  static ValueParser choiceOrBoolean(String... words) {
    ValueParser words1 = choice(words);
    return text -> {
      try {
        return words1.parse(text);
      } catch (InvalidValueException notAWord) {
        try {
          return Boolean.toString(parseBoolean(text));
        } catch (InvalidValueException notABoolean) {
          throw new InvalidValueException(
              "'" + text + "' is not one of " + String.join(", ", words) + " or a boolean");
        }
      }
    };
  }

  static ValueParser text() {
    return text -> text;
  }

  static ValueParser absolutePath() {
    return text -> {
      if (!text.startsWith("/")) {
        throw new InvalidValueException("'" + text + "' is not an absolute path");
      }
      return text;
    };
  }

  static ValueParser nodeName() {
    return Lexical::checkNodeName;
  }

  static ValueParser interfaceName() {
    return ValueParsers::checkInterface;
  }

  static ValueParser host() {
    return ValueParsers::checkHost;
  }

  static ValueParser facility() {
    return choice(
        "none", "auth", "authpriv", "cron", "daemon", "ftp", "kern", "lpr", "mail", "news",
        "syslog", "user", "uucp", "local0", "local1", "local2", "local3", "local4", "local5",
        "local6", "local7");
  }

  static ValueParser ucast() {
    return text -> {
      List<String> w = exactly(text, 2, "ucast INTERFACE PEER-ADDRESS");
      return new LineValues.UcastTarget(checkInterface(w.get(0)), checkHost(w.get(1)));
    };
  }

  static ValueParser mcast() {
    return text -> {
      List<String> w = exactly(text, 5, "mcast INTERFACE GROUP PORT TTL LOOP");
      String group = w.get(1);
      if (!Lexical.isIpv4(group) || Lexical.octets(group)[0] < 224 || Lexical.octets(group)[0] > 239) {
        throw new InvalidValueException(
            "multicast group '" + group + "' is not an IPv4 multicast address (224.0.0.0 to 239.255.255.255)");
      }
      int port = Math.toIntExact((Long) named("port", integer(1, 65535), w.get(2)));
      int ttl = Math.toIntExact((Long) named("ttl", integer(0, 4), w.get(3)));
      long loop = (Long) named("loop", integer(0, 1), w.get(4));
      return new MediumSpec.Mcast(checkInterface(w.get(0)), group, port, ttl, loop == 1);
    };
  }

  static ValueParser pingGroup() {
    return text -> {
      List<String> w = Lexical.words(text);
      if (w.size() < 2) {
        throw new InvalidValueException("expected 'ping_group NAME HOST [HOST...]'");
      }
      List<String> hosts = new ArrayList<>();
      for (String h : w.subList(1, w.size())) {
        hosts.add(checkHost(h));
      }
      return new LineValues.PingGroup(Lexical.checkNodeName(w.get(0)), List.copyOf(hosts));
    };
  }

  static ValueParser respawn(String directive) {
    return text -> {
      List<String> w = Lexical.words(text);
      if (w.size() < 2) {
        throw new InvalidValueException("expected '" + directive + " USER /PATH/TO/PROGRAM [ARGS...]'");
      }
      if (!w.get(1).startsWith("/")) {
        throw new InvalidValueException("program '" + w.get(1) + "' must be an absolute path");
      }
      return new LineValues.Respawn(w.get(0), w.get(1), List.copyOf(w.subList(2, w.size())));
    };
  }

  static ValueParser apiauth() {
    return text -> {
      List<String> w = Lexical.words(text);
      if (w.isEmpty()) {
        throw new InvalidValueException("expected 'apiauth CLIENT [uid=USER,...] [gid=GROUP,...]'");
      }
      List<String> uids = new ArrayList<>();
      List<String> gids = new ArrayList<>();
      for (String t : w.subList(1, w.size())) {
        if (t.startsWith("uid=") && t.length() > 4) {
          uids.addAll(Lexical.listTokens(t.substring(4)));
        } else if (t.startsWith("gid=") && t.length() > 4) {
          gids.addAll(Lexical.listTokens(t.substring(4)));
        } else {
          throw new InvalidValueException("'" + t + "' is neither uid=USERS nor gid=GROUPS");
        }
      }
      return new LineValues.ApiAuth(w.get(0), List.copyOf(uids), List.copyOf(gids));
    };
  }

  static ValueParser stonith() {
    return text -> {
      List<String> w = exactly(text, 2, "stonith TYPE CONFIG-FILE");
      return new LineValues.Stonith(w.get(0), w.get(1));
    };
  }

  static ValueParser stonithHost() {
    return text -> {
      List<String> w = Lexical.words(text);
      if (w.size() < 2) {
        throw new InvalidValueException("expected 'stonith_host HOST|* TYPE [PARAMS...]'");
      }
      String host = w.get(0).equals("*") ? "*" : Lexical.checkNodeName(w.get(0));
      return new LineValues.StonithHost(host, w.get(1), List.copyOf(w.subList(2, w.size())));
    };
  }

  static ValueParser env() {
    return text -> {
      int eq = text.indexOf('=');
      String name = eq < 0 ? "" : text.substring(0, eq);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new InvalidValueException("expected 'env NAME=VALUE', got '" + text + "'");
      }
      return new LineValues.EnvVar(name, text.substring(eq + 1));
    };
  }

  /** A whole-line directive whose syntax jheartbeat only needs to be non-empty (IPv6 media). */
  static ValueParser words(String usage) {
    return text -> {
      if (Lexical.words(text).isEmpty()) {
        throw new InvalidValueException("expected '" + usage + "'");
      }
      return text;
    };
  }

  private static Object named(String what, ValueParser parser, String text)
      throws InvalidValueException {
    try {
      return parser.parse(text);
    } catch (InvalidValueException e) {
      throw new InvalidValueException(what + ": " + e.getMessage());
    }
  }

  private static List<String> exactly(String text, int count, String usage)
      throws InvalidValueException {
    List<String> w = Lexical.words(text);
    if (w.size() != count) {
      throw new InvalidValueException(
          "expected '" + usage + "' (" + count + " words), got " + w.size());
    }
    return w;
  }

  private static String checkInterface(String name) throws InvalidValueException {
    if (!Lexical.isInterfaceName(name)) {
      throw new InvalidValueException(
          "'" + name + "' is not a network interface name (at most 15 printable characters, no '/')");
    }
    return name;
  }

  private static String checkHost(String host) throws InvalidValueException {
    if (!Lexical.isIpv4(host) && !Lexical.isHostname(host)) {
      throw new InvalidValueException("'" + host + "' is neither an IPv4 address nor a host name");
    }
    return host;
  }

}
