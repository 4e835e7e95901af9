package org.jheartbeat.config;

import java.util.Optional;

/**
 * One key line of authkeys. The secret never appears in {@link #toString()}, logs, status or
 * dumps: only {@link #secret()} gives it, for the authenticator.
 */
public record AuthKey(int index, AuthMethod method, Optional<String> secret, int line) {
  @Override
  public String toString() {
    return "AuthKey[index=" + index + ", method=" + method.configName()
        + (secret.isPresent() ? ", secret=<redacted>" : "") + ", line=" + line + "]";
  }
}
