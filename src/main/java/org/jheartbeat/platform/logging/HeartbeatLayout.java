package org.jheartbeat.platform.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders a Logback event as one or more Heartbeat 3.0.6 log lines (spec §9.1).
 *
 * <p>{@link LineStyle#SYSLOG}: {@code Mmm DD HH:MM:SS <host> heartbeat: [<pid>]: <LEVEL>: <text>}; {@link
 * LineStyle#CLASSIC}: {@code heartbeat[<pid>]: YYYY/MM/DD_HH:MM:SS <LEVEL>: <text>}. The time is the event's own
 * timestamp at one-second resolution in the given zone, never the clock at render time, so a line queued behind a
 * slow disk still says when it happened. Each line of a multi-line message gets the full prefix. A throwable is
 * rendered as a stack trace (extra lines) for debug events, or for every event when the layout feeds the debug
 * file; otherwise only {@code : <class>: <message>} is appended, keeping stack traces out of the operator's log.
 */
public final class HeartbeatLayout extends LayoutBase<ILoggingEvent> {

  /** The ident Heartbeat logs under. */
  public static final String DEFAULT_PROGRAM = "heartbeat";

  // Month names must be English whatever the JVM locale: the format is fixed by syslog, not localised.
  private static final DateTimeFormatter SYSLOG_TIME =
      DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH);
  private static final DateTimeFormatter CLASSIC_TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd_HH:mm:ss", Locale.ENGLISH);

  private final LineStyle style;
  private final String hostName;
  private final String programName;
  private final long pid;
  private final DateTimeFormatter timeFormat;
  private final boolean stackTracesAtAllLevels;

  /** A layout for {@code programName} "heartbeat" that shows stack traces for debug events only. */
  public HeartbeatLayout(LineStyle style, String hostName, long pid, ZoneId zone) {
    this(style, hostName, DEFAULT_PROGRAM, pid, zone, false);
  }

  /** A layout that shows stack traces for debug events only. */
  public HeartbeatLayout(LineStyle style, String hostName, String programName, long pid, ZoneId zone) {
    this(style, hostName, programName, pid, zone, false);
  }

  /**
   * @param hostName the node name ({@code uname -n}) printed in {@link LineStyle#SYSLOG} lines
   * @param programName the ident, "heartbeat" for the daemon
   * @param pid the process id printed in every line
   * @param zone the zone timestamps are shown in, normally the system zone as syslogd does
   * @param stackTracesAtAllLevels true for the debug file, where a failure's full trace belongs
   */
  public HeartbeatLayout(
      LineStyle style,
      String hostName,
      String programName,
      long pid,
      ZoneId zone,
      boolean stackTracesAtAllLevels) {
    this.style = Objects.requireNonNull(style, "style");
    this.hostName = Objects.requireNonNull(hostName, "hostName");
    this.programName = Objects.requireNonNull(programName, "programName");
    this.pid = pid;
    DateTimeFormatter base = style == LineStyle.SYSLOG ? SYSLOG_TIME : CLASSIC_TIME;
    this.timeFormat = base.withZone(Objects.requireNonNull(zone, "zone"));
    this.stackTracesAtAllLevels = stackTracesAtAllLevels;
  }

  @Override
  public String doLayout(ILoggingEvent event) {
    HeartbeatLevel level = HeartbeatLevel.of(event);
    boolean fullTrace = stackTracesAtAllLevels || level == HeartbeatLevel.DEBUG;
    String prefix = prefix(event.getTimeStamp()) + level.text() + ": ";
    StringBuilder out = new StringBuilder(128);
    for (String line : EventText.lines(event, fullTrace)) {
      out.append(prefix).append(line).append('\n');
    }
    return out.toString();
  }

  private String prefix(long epochMillis) {
    String time = timeFormat.format(Instant.ofEpochMilli(epochMillis));
    return switch (style) {
      case SYSLOG -> time + " " + hostName + " " + programName + ": [" + pid + "]: ";
      case CLASSIC -> programName + "[" + pid + "]: " + time + " ";
    };
  }
}
