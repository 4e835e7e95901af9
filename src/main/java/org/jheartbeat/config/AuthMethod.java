package org.jheartbeat.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The authentication methods of authkeys (Heartbeat's HBauth plugins; spec wire §4.4):
 * {@code crc} (no key; integrity against corruption only), {@code md5} and {@code sha1} (HMAC
 * with the key).
 */
public enum AuthMethod {
  CRC(false),
  MD5(true),
  SHA1(true);

  private final boolean needsKey;

  AuthMethod(boolean needsKey) {
    this.needsKey = needsKey;
  }

  public boolean needsKey() {
    return needsKey;
  }

  /** The name as written in authkeys. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Heartbeat loads the plugin by its exact file name, so the method is case-sensitive. */
  static Optional<AuthMethod> parse(String word) {
    for (AuthMethod m : values()) {
      if (m.configName().equals(word)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
