package org.jheartbeat.config;

import java.util.Optional;

/**
 * Where the HTTP status API listens: {@code http_api [ADDRESS:]PORT} (a jheartbeat directive;
 * real Heartbeat refuses it). Without an address the API binds the loopback address only, so
 * that nothing is exposed beyond the node unless asked for. An IPv6 address is written in
 * brackets, {@code [::1]:8080}.
 */
public record HttpEndpoint(String address, int port) {
  public static final String DEFAULT_ADDRESS = "127.0.0.1";

  /** Parses {@code [ADDRESS:]PORT}; port 0 asks the kernel for a free port (tests). */
  public static HttpEndpoint parse(String text) throws InvalidValueException {
    int colon = text.lastIndexOf(':');
    String address = colon < 0 ? DEFAULT_ADDRESS : text.substring(0, colon);
    String port = text.substring(colon + 1);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    if (address.isEmpty() || address.chars().anyMatch(Character::isWhitespace)) {
      throw new InvalidValueException("'" + text + "' is not [ADDRESS:]PORT");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("'" + text + "' is not [ADDRESS:]PORT (bad port '" + port + "')");
    }
    if (p < 0 || p > 65535) {
      throw new InvalidValueException("port " + p + " is out of range (0 to 65535)");
    }
    return new HttpEndpoint(address, p);
  }

  /** The last {@code http_api} of {@code cf}, if any. */
  public static Optional<HttpEndpoint> of(HaCf cf) {
    var set = cf.settingsOf("http_api");
    return set.isEmpty() ? Optional.empty() : Optional.of((HttpEndpoint) set.get(set.size() - 1).value());
  }

  @Override
  public String toString() {
    return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
