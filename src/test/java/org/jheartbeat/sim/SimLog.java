package org.jheartbeat.sim;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last {@value #KEEP} log lines of the daemons (INFO and above, loggers {@code
 * org.jheartbeat} and {@code heartbeat}) as {@code [virtual time] node LEVEL: text} for the trace
 * of a failing seed, and keeps them off the console while the simulation runs.
 */
final class SimLog implements AutoCloseable {
  static final int KEEP = 300;
  private static final List<String> LOGGERS = List.of("org.jheartbeat", "heartbeat");

  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private final List<Logger> loggers = new ArrayList<>();
  private final List<Level> oldLevels = new ArrayList<>();
  private final List<Boolean> oldAdditive = new ArrayList<>();
  private Supplier<String> stamp = () -> "";
  private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent e) {
      if (lines.size() == KEEP) {
        lines.removeFirst();
      }
      String node = e.getMDCPropertyMap().getOrDefault("node", "-");
      boolean crit = e.getMarkerList() != null && e.getMarkerList().stream().anyMatch(m -> m.getName().equals("CRIT"));
      lines.addLast(stamp.get() + " " + node + " " + (crit ? "CRIT" : e.getLevel()) + ": " + e.getFormattedMessage());
    }
  };

  SimLog() {
    appender.start();
    for (String name : LOGGERS) {
      Logger l = (Logger) LoggerFactory.getLogger(name);
      loggers.add(l);
      oldLevels.add(l.getLevel());
      oldAdditive.add(l.isAdditive());
      l.setLevel(Level.INFO);
      l.setAdditive(false);
      l.addAppender(appender);
    }
  }

  /** Starts the lines of a new run, stamped by {@code stamp}. */
  void begin(Supplier<String> stamp) {
    this.stamp = stamp;
    lines.clear();
  }

  List<String> tail() {
    return List.copyOf(lines);
  }

  @Override
  public void close() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).detachAppender(appender);
      loggers.get(i).setLevel(oldLevels.get(i));
      loggers.get(i).setAdditive(oldAdditive.get(i));
    }
    appender.stop();
  }
}
