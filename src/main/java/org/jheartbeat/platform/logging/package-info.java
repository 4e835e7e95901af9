/**
 * Heartbeat-compatible logging on top of SLF4J and Logback.
 *
 * <p>Daemon code only ever sees SLF4J: {@code log.info(...)}, and {@code log.error(HbMarkers.CRIT, ...)} for the
 * syslog severities SLF4J has no level for. {@link org.jheartbeat.platform.logging.HeartbeatLevel} maps an event to
 * the level word Heartbeat 3.0.6 prints ({@code EMERG ALERT CRIT ERROR WARN notice info debug}).
 * {@link org.jheartbeat.platform.logging.HeartbeatLayout} renders the two line shapes of ha.cf {@code syslogmsgfmt},
 * and {@link org.jheartbeat.platform.logging.SyslogSinkAppender} feeds syslog(3) through JNA, because the JDK cannot
 * open the datagram socket {@code /dev/log}. {@link org.jheartbeat.platform.logging.LogSetup} wires ha.cf's
 * {@code logfile}, {@code debugfile} and {@code logfacility} into one Logback context at daemon start; before that,
 * {@code logback.xml} keeps the CLI tools quiet (WARN and above on stderr).
 *
 * <p>Operators grep these files line by line, so every physical line carries the full prefix, stack traces appear
 * only in the debug file, and debug lines never reach the log file or syslog.
 */
package org.jheartbeat.platform.logging;
