package org.jheartbeat.daemon;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.Setting;
import org.jheartbeat.platform.Realtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ha.cf's {@code realtime} (default on) and {@code rtprio} (default 1, the priority the real
 * Heartbeat 3.0.6 runs at): {@link #threadStart()} is what each thread on the heartbeat and
 * takeover path (event loop, receivers, process runner) runs first. It raises that thread to
 * {@code SCHED_RR} ({@link Realtime}); the first failure (not root) is logged once and the
 * daemon goes on at normal priority.
 */
final class RealtimePolicy {
  private static final Logger log = LoggerFactory.getLogger(RealtimePolicy.class);

  private final boolean enabled;
  private final int priority;
  private final AtomicBoolean reported = new AtomicBoolean();

  RealtimePolicy(HaCf haCf) {
    this.enabled = setting(haCf, "realtime").map(Boolean.class::cast).orElse(true);
    this.priority = setting(haCf, "rtprio").map(v -> ((Number) v).intValue()).orElse(1);
  }

  private static Optional<Object> setting(HaCf haCf, String name) {
    return haCf.settings().stream().filter(s -> s.name().equals(name)).map(Setting::value).reduce((a, b) -> b);
  }

  /** Raises the calling thread when realtime is on; never throws. */
  Runnable threadStart() {
    return () -> {
      if (!enabled) {
        return;
      }
      Optional<String> failure = Realtime.raiseCurrentThread(priority);
      if (reported.compareAndSet(false, true)) {
        if (failure.isEmpty()) {
          log.info("Realtime scheduling: SCHED_RR priority {} for the daemon's loop, receivers and process runner.",
              priority);
        } else {
          log.warn("Realtime scheduling not available, running at normal priority: {}", failure.get());
        }
      }
    };
  }
}
