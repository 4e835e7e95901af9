package org.jheartbeat.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.List;
import org.slf4j.Marker;

/**
 * The eight syslog(3) severities with the exact word Heartbeat 3.0.6 prints before the message text.
 *
 * <p>An event's level comes from its SLF4J level (ERROR, WARN, INFO, and DEBUG/TRACE as {@code debug}) unless it
 * carries one of the {@link HbMarkers}; when several are attached the most severe one wins, whatever order they
 * were added in.
 */
public enum HeartbeatLevel {
  EMERG("EMERG", 0),
  ALERT("ALERT", 1),
  CRIT("CRIT", 2),
  ERROR("ERROR", 3),
  WARN("WARN", 4),
  NOTICE("notice", 5),
  INFO("info", 6),
  DEBUG("debug", 7);

  private final String text;
  private final int syslogPriority;

  HeartbeatLevel(String text, int syslogPriority) {
    this.text = text;
    this.syslogPriority = syslogPriority;
  }

  /** The word printed before the message, e.g. {@code WARN} or {@code info} (Heartbeat mixes the cases). */
  public String text() {
    return text;
  }

  /** The syslog.h priority, LOG_EMERG (0) to LOG_DEBUG (7). */
  public int syslogPriority() {
    return syslogPriority;
  }

  /** The Heartbeat level of a Logback event: the most severe marker if any, else the SLF4J level. */
  public static HeartbeatLevel of(ILoggingEvent event) {
    HeartbeatLevel fromMarkers = fromMarkers(event.getMarkerList());
    return fromMarkers != null ? fromMarkers : fromSlf4j(event.getLevel());
  }

  /** The SLF4J-level half of the mapping; TRACE folds into debug because Heartbeat has nothing finer. */
  public static HeartbeatLevel fromSlf4j(Level level) {
    if (level.isGreaterOrEqual(Level.ERROR)) {
      return ERROR;
    }
    if (level.isGreaterOrEqual(Level.WARN)) {
      return WARN;
    }
    if (level.isGreaterOrEqual(Level.INFO)) {
      return INFO;
    }
    return DEBUG;
  }

  private static HeartbeatLevel fromMarkers(List<Marker> markers) {
    if (markers == null) {
      return null;
    }
    HeartbeatLevel loudest = null;
    for (Marker marker : markers) {
      HeartbeatLevel level = fromMarker(marker);
      if (level != null && (loudest == null || level.syslogPriority < loudest.syslogPriority)) {
        loudest = level;
      }
    }
    return loudest;
  }

  // By name rather than identity, so a detached marker named "CRIT" counts as well. SLF4J 2 deprecates marker
  // references, so nested markers are deliberately not searched.
  private static HeartbeatLevel fromMarker(Marker marker) {
    return switch (marker.getName()) {
      case "EMERG" -> EMERG;
      case "ALERT" -> ALERT;
      case "CRIT" -> CRIT;
      case "NOTICE" -> NOTICE;
      default -> null;
    };
  }
}
