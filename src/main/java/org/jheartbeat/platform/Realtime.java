package org.jheartbeat.platform;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.Optional;

/**
 * Heartbeat's {@code realtime} (on by default, {@code rtprio} 1): the real daemon runs every
 * process at {@code SCHED_RR} so that a loaded machine cannot delay its heartbeats, dead-node
 * checks and takeovers, while the resource scripts it forks run at normal priority. The JVM has no
 * API for scheduling classes, so a thread calls {@link #raiseCurrentThread} on itself (libc
 * {@code sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK)} through JNA); the reset-on-fork
 * flag keeps every process and thread it creates at normal priority (a script's busy loop
 * cannot take a core), so each daemon thread that matters raises itself. Needs root
 * ({@code CAP_SYS_NICE}); without it the thread stays as it was and the reason is returned.
 * Memory locking ({@code mlockall}) is not done: it would pin the whole Java heap.
 */
public final class Realtime {
  private static final int SCHED_RR = 2;
  private static final int SCHED_RESET_ON_FORK = 0x40000000;

  private Realtime() {}

  private interface CLibrary extends Library {
    int sched_setscheduler(int pid, int policy, int[] param) throws LastErrorException;
  }

  /** Loaded on first use only: a daemon with realtime off never touches libc here. */
  private static final class Libc {
    static final CLibrary LIBC = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);
  }

  /**
   * Puts the calling thread in {@code SCHED_RR} at {@code priority} (1-99); empty on success,
   * otherwise why not (no permission, no libc, bad priority).
   */
  public static Optional<String> raiseCurrentThread(int priority) {
    if (priority < 1 || priority > 99) {
      return Optional.of("priority must be 1..99: " + priority);
    }
    try {
      Libc.LIBC.sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, new int[] {priority});
      return Optional.empty();
    } catch (LastErrorException e) {
      return Optional.of("sched_setscheduler: errno " + e.getErrorCode()
          + (e.getErrorCode() == 1 ? " (not permitted: needs root or CAP_SYS_NICE)" : ""));
    } catch (LinkageError | RuntimeException e) {
      return Optional.of("sched_setscheduler unavailable: " + e);
    }
  }
}
