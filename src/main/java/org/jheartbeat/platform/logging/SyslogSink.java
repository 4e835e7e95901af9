package org.jheartbeat.platform.logging;

/**
 * Where syslog-bound lines go: libc's syslog(3) in the daemon ({@link LibcSyslog}), a recording fake in tests.
 *
 * <p>The message is already complete ({@code [<pid>]: <LEVEL>: <text>}); the sink adds only what syslogd adds
 * (time, host, ident), so a sink must not reformat it.
 */
public interface SyslogSink {

  /**
   * Sends one line.
   *
   * @param facility a syslog.h facility code, already shifted ({@link SyslogFacility#code()})
   * @param level the severity; its {@link HeartbeatLevel#syslogPriority()} is or-ed into the priority
   * @param message the line without trailing newline
   */
  void send(int facility, HeartbeatLevel level, String message);
}
