package org.jheartbeat.platform.logging;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * {@link SyslogSink} over libc's openlog(3)/syslog(3), loaded through JNA.
 *
 * <p>The JDK cannot open {@code /dev/log}, which is a datagram Unix socket, so the daemon calls libc as Heartbeat
 * does. The log is opened with {@code LOG_NDELAY} only, not {@code LOG_PID}: Heartbeat puts {@code [<pid>]} into the
 * message itself. Messages go through a {@code "%s"} format so that a {@code %} in the text is never interpreted. If
 * no syslog daemon listens, syslog(3) drops the line silently, which is the behaviour an operator expects.
 */
public final class LibcSyslog implements SyslogSink, AutoCloseable {

  /** syslog.h LOG_NDELAY: connect to /dev/log now rather than on the first message. */
  static final int LOG_NDELAY = 0x08;

  private interface CLibrary extends Library {
    void openlog(Pointer ident, int option, int facility);

    void syslog(int priority, String format, Object... args);

    void closelog();
  }

  private static final CLibrary LIBC = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);

  // glibc keeps the ident pointer rather than copying the string, and there is one ident per process: the memory of
  // the latest openlog() must stay reachable even after the instance that opened it is gone.
  private static Memory currentIdent;

  /** Opens the system log under {@code ident} (normally "heartbeat") with {@code defaultFacility}. */
  public LibcSyslog(String ident, SyslogFacility defaultFacility) {
    byte[] terminated = Native.toByteArray(ident);
    Memory memory = new Memory(terminated.length);
    memory.write(0, terminated, 0, terminated.length);
    synchronized (LibcSyslog.class) {
      LIBC.openlog(memory, LOG_NDELAY, defaultFacility.code());
      currentIdent = memory;
    }
  }

  @Override
  public void send(int facility, HeartbeatLevel level, String message) {
    LIBC.syslog(facility | level.syslogPriority(), "%s", message);
  }

  /** Closes the connection to the system log; the next {@link #send} would reopen it without our ident. */
  @Override
  public void close() {
    LIBC.closelog();
  }
}
