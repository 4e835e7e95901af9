package org.jheartbeat.config;

import java.util.Optional;

/**
 * Where log lines go, per ha.cf: {@code logfile} (info and above), {@code debugfile} (every
 * line), syslog at {@code logfacility}. {@code /dev/null} has already been turned into empty.
 * When nothing is configured, jheartbeat logs to syslog facility {@code daemon}, which is where
 * Heartbeat's logging daemon would have sent the lines.
 */
public record LogSettings(
    Optional<String> logFile,
    Optional<String> debugFile,
    Optional<String> facility,
    boolean syslogMsgFmt,
    boolean logBadPackets,
    int debugLevel) {}
