package org.jheartbeat.platform.logging;

/**
 * The two line shapes Heartbeat writes to {@code logfile}/{@code debugfile}, chosen by ha.cf {@code syslogmsgfmt}.
 *
 * <p>The syslog shape is the default since it lets one grep cover the files and {@code /var/log/messages}.
 */
public enum LineStyle {
  /** {@code syslogmsgfmt true} (default): {@code Nov 24 15:13:36 alpha heartbeat: [8808]: info: text}. */
  SYSLOG,
  /** {@code syslogmsgfmt false}: {@code heartbeat[4374]: 2015/11/06_11:46:52 info: text}. */
  CLASSIC
}
