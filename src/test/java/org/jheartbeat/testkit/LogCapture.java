package org.jheartbeat.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures Logback events of one logger subtree as Heartbeat-style lines {@code LEVEL: text}
 * (CRIT for the CRIT marker), prefixed with the MDC {@code node} when set: {@code n1 WARN: ...}.
 * Either opened and closed by the caller, or made with {@link #perTest} as a JUnit extension
 * ({@code @RegisterExtension}) that captures during each test.
 */
public final class LogCapture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {
  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
    @Override
    protected void append(ILoggingEvent e) {
      e.prepareForDeferredProcessing(); // freeze the MDC while it is still set
      super.append(e);
    }
  };
  private Level oldLevel;
  private boolean oldAdditive;
  private boolean attached;

  /** Captures from now until {@link #close}. */
  public LogCapture(String loggerName) {
    this(loggerName, true);
  }

  private LogCapture(String loggerName, boolean attachNow) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender.start();
    if (attachNow) {
      attach();
    }
  }

  /**
   * A capture that attaches only before each test and detaches after it: made with the test
   * instance, it would otherwise stay attached when JUnit skips the test and never calls afterEach.
   */
  public static LogCapture perTest(String loggerName) {
    return new LogCapture(loggerName, false);
  }

  private void attach() {
    oldLevel = logger.getLevel();
    oldAdditive = logger.isAdditive();
    logger.setLevel(Level.INFO);
    logger.setAdditive(false);
    logger.addAppender(appender);
    attached = true;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!attached) {
      attach();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
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
    if (!attached) {
      return;
    }
    attached = false;
    logger.detachAppender(appender);
    logger.setLevel(oldLevel);
    logger.setAdditive(oldAdditive);
  }
}
