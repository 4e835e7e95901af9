package org.jheartbeat.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.Instant;
import org.slf4j.Marker;

/** Builds Logback events with a fixed timestamp, independent of the global logger context. */
final class Events {

  private static final LoggerContext CONTEXT = new LoggerContext();

  private Events() {}

  static LoggingEvent event(String utcTime, Level level, String message, Object... args) {
    return eventWith(utcTime, level, null, null, message, args);
  }

  static LoggingEvent eventWith(
      String utcTime, Level level, Marker marker, Throwable thrown, String message, Object... args) {
    LoggingEvent event =
        new LoggingEvent(Events.class.getName(), CONTEXT.getLogger("test"), level, message, thrown, args);
    event.setInstant(Instant.parse(utcTime));
    if (marker != null) {
      event.addMarker(marker);
    }
    return event;
  }
}
