package org.jheartbeat.platform.logging;

import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * SLF4J markers for the syslog severities that SLF4J has no level for.
 *
 * <p>A marker overrides the SLF4J level when the line is rendered: {@code log.error(HbMarkers.CRIT, "Late heartbeat:
 * Node {}: interval {} ms (> deadtime)", node, ms)} prints a {@code CRIT:} line, and {@code log.info(HbMarkers.NOTICE,
 * ...)} a {@code notice:} line. Pick the SLF4J level closest to the marker, so that other backends and filters still
 * see a sensible severity.
 */
public final class HbMarkers {

  /** syslog LOG_EMERG: the system is unusable. */
  public static final Marker EMERG = MarkerFactory.getMarker("EMERG");

  /** syslog LOG_ALERT: action must be taken immediately. */
  public static final Marker ALERT = MarkerFactory.getMarker("ALERT");

  /** syslog LOG_CRIT: critical condition, e.g. a heartbeat later than deadtime. */
  public static final Marker CRIT = MarkerFactory.getMarker("CRIT");

  /** syslog LOG_NOTICE: normal but significant condition. */
  public static final Marker NOTICE = MarkerFactory.getMarker("NOTICE");

  private HbMarkers() {}
}
