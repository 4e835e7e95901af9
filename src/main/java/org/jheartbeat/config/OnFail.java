package org.jheartbeat.config;

import java.util.Locale;
import java.util.Optional;

/**
 * What a failed monitor check does, after Pacemaker's {@code on-fail} of {@code op monitor}: restart
 * the resource in place (and move its group once the fail count reaches the threshold, Pacemaker's
 * {@code migration-threshold}), move the group at once (Pacemaker's {@code on-fail=standby}), or
 * only log and count.
 */
public enum OnFail {
  RESTART,
  FAILOVER,
  IGNORE;

  /** The word used in the monitors file. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<OnFail> parse(String word) {
    for (OnFail f : values()) {
      if (f.word().equals(word)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
