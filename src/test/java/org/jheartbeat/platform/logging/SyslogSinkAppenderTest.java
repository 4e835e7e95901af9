package org.jheartbeat.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jheartbeat.platform.logging.Events.event;
import static org.jheartbeat.platform.logging.Events.eventWith;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import org.jheartbeat.platform.logging.RecordingSyslogSink.Sent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyslogSinkAppenderTest {

  private static final String T = "2026-11-24T15:00:00Z";

  private final RecordingSyslogSink sink = new RecordingSyslogSink();
  private final SyslogSinkAppender appender = new SyslogSinkAppender(sink, SyslogFacility.LOCAL7, 8808);

  @BeforeEach
  void start() {
    appender.setContext(new LoggerContext());
    appender.start();
  }

  @Test
  void sendsHeartbeatsSyslogMessageWithFacilityAndLevel() {
    appender.doAppend(eventWith(T, Level.ERROR, HbMarkers.CRIT, null, "Late heartbeat: Node {}: interval {} ms", "b", 17));

    assertThat(sink.sent)
        .containsExactly(
            new Sent(184, HeartbeatLevel.CRIT, "[8808]: CRIT: Late heartbeat: Node b: interval 17 ms"));
  }

  @Test
  void dropsDebugAndSplitsLines() {
    appender.doAppend(event(T, Level.DEBUG, "chatter"));
    appender.doAppend(eventWith(T, Level.INFO, HbMarkers.NOTICE, new IOException("gone"), "one\ntwo"));

    assertThat(sink.sent)
        .containsExactly(
            new Sent(184, HeartbeatLevel.NOTICE, "[8808]: notice: one"),
            new Sent(184, HeartbeatLevel.NOTICE, "[8808]: notice: two: java.io.IOException: gone"));
  }
}
