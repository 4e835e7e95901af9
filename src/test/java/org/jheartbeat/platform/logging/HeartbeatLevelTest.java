package org.jheartbeat.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jheartbeat.platform.logging.Events.event;
import static org.jheartbeat.platform.logging.Events.eventWith;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.slf4j.MarkerFactory;

class HeartbeatLevelTest {

  private static final String T = "2026-11-24T15:00:00Z";

  @Test
  void textsAndPrioritiesAreHeartbeatsAndSyslogs() {
    assertThat(Arrays.stream(HeartbeatLevel.values()).map(HeartbeatLevel::text))
        .containsExactly("EMERG", "ALERT", "CRIT", "ERROR", "WARN", "notice", "info", "debug");
    assertThat(Arrays.stream(HeartbeatLevel.values()).map(HeartbeatLevel::syslogPriority))
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void slf4jLevelsMapWithoutMarkers() {
    assertThat(HeartbeatLevel.of(event(T, Level.ERROR, "x"))).isEqualTo(HeartbeatLevel.ERROR);
    assertThat(HeartbeatLevel.of(event(T, Level.WARN, "x"))).isEqualTo(HeartbeatLevel.WARN);
    assertThat(HeartbeatLevel.of(event(T, Level.INFO, "x"))).isEqualTo(HeartbeatLevel.INFO);
    assertThat(HeartbeatLevel.of(event(T, Level.DEBUG, "x"))).isEqualTo(HeartbeatLevel.DEBUG);
    assertThat(HeartbeatLevel.of(event(T, Level.TRACE, "x"))).isEqualTo(HeartbeatLevel.DEBUG);
  }

  @Test
  void markersOverrideTheSlf4jLevel() {
    assertThat(HeartbeatLevel.of(eventWith(T, Level.ERROR, HbMarkers.EMERG, null, "x"))).isEqualTo(HeartbeatLevel.EMERG);
    assertThat(HeartbeatLevel.of(eventWith(T, Level.ERROR, HbMarkers.ALERT, null, "x"))).isEqualTo(HeartbeatLevel.ALERT);
    assertThat(HeartbeatLevel.of(eventWith(T, Level.ERROR, HbMarkers.CRIT, null, "x"))).isEqualTo(HeartbeatLevel.CRIT);
    assertThat(HeartbeatLevel.of(eventWith(T, Level.INFO, HbMarkers.NOTICE, null, "x"))).isEqualTo(HeartbeatLevel.NOTICE);
  }

  @Test
  void unrelatedMarkerKeepsTheSlf4jLevel() {
    LoggingEvent event = eventWith(T, Level.WARN, MarkerFactory.getMarker("AUDIT"), null, "x");

    assertThat(HeartbeatLevel.of(event)).isEqualTo(HeartbeatLevel.WARN);
  }

  @Test
  void mostSevereMarkerWinsWhateverTheOrder() {
    LoggingEvent event = eventWith(T, Level.INFO, HbMarkers.NOTICE, null, "x");
    event.addMarker(HbMarkers.CRIT);

    assertThat(HeartbeatLevel.of(event)).isEqualTo(HeartbeatLevel.CRIT);
  }

  @Test
  void markersMatchByName() {
    var detached = MarkerFactory.getDetachedMarker("ALERT");

    assertThat(HeartbeatLevel.of(eventWith(T, Level.ERROR, detached, null, "x"))).isEqualTo(HeartbeatLevel.ALERT);
  }
}
