package org.jheartbeat.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The authkeys file, validated: the keys by index (0 to 15) and the index used to sign
 * outgoing messages. Incoming messages may use any configured index (spec wire §4).
 */
public record AuthKeys(Path file, int activeIndex, int activeLine, Map<Integer, AuthKey> keys) {
  /** Heartbeat's MAXAUTH: indexes 0 to 15. */
  public static final int MAX_INDEX = 15;

  public AuthKeys {
    keys = Map.copyOf(keys);
  }

  public AuthKey active() {
    return keys.get(activeIndex);
  }

  public Optional<AuthKey> key(int index) {
    return Optional.ofNullable(keys.get(index));
  }

  /** Keys in index order. */
  public Map<Integer, AuthKey> sorted() {
    return new TreeMap<>(keys);
  }
}
