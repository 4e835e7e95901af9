package org.jheartbeat.wire;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jheartbeat.config.AuthKey;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.AuthMethod;

/** Builds AuthKeys in tests from authkeys-style lines: {@code keys(2, "1 crc", "2 md5 k")}. */
public final class TestKeys {
  private TestKeys() {}

  public static AuthKeys keys(int active, String... lines) {
    Map<Integer, AuthKey> map = new HashMap<>();
    for (String line : lines) {
      String[] w = line.split(" ");
      int index = Integer.parseInt(w[0]);
      AuthMethod method = AuthMethod.valueOf(w[1].toUpperCase(java.util.Locale.ROOT));
      Optional<String> secret = w.length > 2 ? Optional.of(w[2]) : Optional.empty();
      map.put(index, new AuthKey(index, method, secret, 1));
    }
    return new AuthKeys(Path.of("authkeys"), active, 1, map);
  }

  public static Authenticator auth(int active, String... lines) {
    return new Authenticator(keys(active, lines));
  }

  /** One key at {@code index}, which is also the active one. */
  public static Authenticator single(int index, String method, String key) {
    return auth(index, index + " " + method + (key.isEmpty() ? "" : " " + key));
  }
}
