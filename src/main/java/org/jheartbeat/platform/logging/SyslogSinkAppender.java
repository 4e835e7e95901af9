package org.jheartbeat.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.Objects;

/**
 * Logback appender that forwards events to a {@link SyslogSink} as {@code [<pid>]: <LEVEL>: <text>}.
 *
 * <p>This is the message Heartbeat hands to syslog(3); syslogd adds time, host and the {@code heartbeat:} tag. Debug
 * events are dropped (Heartbeat sends debug output only to the debug file), each line of a multi-line message is
 * sent separately, and a throwable is reduced to its one-line summary.
 */
public final class SyslogSinkAppender extends AppenderBase<ILoggingEvent> {

  private final SyslogSink sink;
  private final SyslogFacility facility;
  private final long pid;

  public SyslogSinkAppender(SyslogSink sink, SyslogFacility facility, long pid) {
    this.sink = Objects.requireNonNull(sink, "sink");
    this.facility = Objects.requireNonNull(facility, "facility");
    this.pid = pid;
  }

  @Override
  protected void append(ILoggingEvent event) {
    HeartbeatLevel level = HeartbeatLevel.of(event);
    if (level == HeartbeatLevel.DEBUG) {
      return;
    }
    String prefix = "[" + pid + "]: " + level.text() + ": ";
    for (String line : EventText.lines(event, false)) {
      sink.send(facility.code(), level, prefix + line);
    }
  }
}
