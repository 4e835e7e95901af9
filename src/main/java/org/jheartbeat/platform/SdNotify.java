package org.jheartbeat.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * systemd's readiness protocol ({@code Type=notify}), through libsystemd's sd_notify(3) loaded by
 * JNA, as Elasticsearch does: {@code NOTIFY_SOCKET} is a datagram Unix socket, which the JDK
 * cannot open. Without {@code NOTIFY_SOCKET} (not started by systemd) or without libsystemd, every
 * call does nothing, so the daemon runs the same under the init-script commands.
 */
public final class SdNotify {
  private static final Logger log = LoggerFactory.getLogger(SdNotify.class);

  private interface LibSystemd extends Library {
    int sd_notify(int unsetEnvironment, String state);
  }

  private static final Optional<LibSystemd> LIB = load();

  private SdNotify() {}

  private static Optional<LibSystemd> load() {
    if (System.getenv("NOTIFY_SOCKET") == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Native.load("libsystemd.so.0", LibSystemd.class));
    } catch (UnsatisfiedLinkError e) {
      log.warn("NOTIFY_SOCKET is set but libsystemd.so.0 cannot be loaded: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Whether a service manager listens (NOTIFY_SOCKET set and libsystemd loaded). */
  public static boolean active() {
    return LIB.isPresent();
  }

  /** Sends {@code state} (e.g. "READY=1", "STOPPING=1", "STATUS=...") if systemd listens. */
  public static void notify(String state) {
    LIB.ifPresent(lib -> {
      int rc = lib.sd_notify(0, state);
      if (rc < 0) {
        log.warn("sd_notify({}) failed: errno {}", state.replace('\n', ' '), -rc);
      }
    });
  }
}
