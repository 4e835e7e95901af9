package org.jheartbeat.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures Logback events of one logger subtree as Heartbeat-style lines {@code LEVEL: text}
 * (CRIT for the CRIT marker), prefixed with the MDC {@code node} when set: {@code n1 WARN: ...}.
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent e) {
      e.prepareForDeferredProcessing(); // freeze the MDC while it is still set
      super.append(e);
    }
  };
  private final Level oldLevel;
  private final boolean oldAdditive;

  public LogCapture(String loggerName) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    oldLevel = logger.getLevel();
    oldAdditive = logger.isAdditive();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    appender.start();
    logger.addAppender(appender);
  }

  public List<String> lines() {
    return appender.list.stream().map(LogCapture::render).toList();
  }

  /** Lines logged by one node (MDC node), without the prefix. */
  public List<String> linesOf(String node) {
    return appender.list.stream()
        .filter(e -> node.equals(e.getMDCPropertyMap().get("node")))
        .map(e -> render(e).substring(node.length() + 1))
        .toList();
  }

  public void clear() {
    appender.list.clear();
  }

  private static String render(ILoggingEvent e) {
    String level = switch (e.getLevel().toString()) {
      case "ERROR" -> e.getMarkerList() != null && e.getMarkerList().stream()
          .anyMatch(m -> m.getName().equals("CRIT")) ? "CRIT" : "ERROR";
      case "WARN" -> "WARN";
      case "INFO" -> "info";
      default -> "debug";
    };
    String node = e.getMDCPropertyMap().get("node");
    return (node == null ? "" : node + " ") + level + ": " + e.getFormattedMessage();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(oldLevel);
    logger.setAdditive(oldAdditive);
  }
}
