package org.jheartbeat.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback programmatically from {@link LogTargets}, replacing whatever {@code logback.xml} set up for the
 * CLI.
 *
 * <p>The log file takes INFO and above, the debug file every level with stack traces, syslog INFO and above through
 * a {@link SyslogSink}, and stderr (if asked) the same as the log file. The root level is DEBUG only when a debug
 * file exists, so debug messages cost nothing otherwise. When {@code logfile} and {@code debugfile} name the same
 * file, only the debug appender writes it: two appenders on one file would interleave and Logback refuses that. A
 * target that cannot be opened is skipped and reported through the remaining ones, rather than stopping the daemon.
 */
public final class LogSetup {

  private LogSetup() {}

  /**
   * Configures logging with timestamps in the system time zone, as syslogd shows them.
   *
   * @param sink receives syslog lines; used only when {@code targets.facility()} is present
   * @param pid printed in every line, normally {@code ProcessHandle.current().pid()}
   */
  public static LoggingHandle configure(LogTargets targets, SyslogSink sink, long pid) {
    return configure(targets, sink, pid, ZoneId.systemDefault());
  }

  /** Configures logging with timestamps in {@code zone}. */
  public static LoggingHandle configure(LogTargets targets, SyslogSink sink, long pid, ZoneId zone) {
    LoggerContext context = loggerContext();
    context.reset();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(targets.debugFile().isPresent() ? Level.DEBUG : Level.INFO);

    List<String> failed = new ArrayList<>();
    Optional<Path> debugFile = targets.debugFile();
    Optional<Path> logFile = targets.logFile().filter(file -> !debugFile.equals(Optional.of(file)));
    if (logFile.isPresent()) {
      HeartbeatLayout layout = layout(targets, pid, zone, false);
      attach(root, fileAppender(context, "logfile", logFile.get(), layout, true), failed);
    }
    if (debugFile.isPresent()) {
      HeartbeatLayout layout = layout(targets, pid, zone, true);
      attach(root, fileAppender(context, "debugfile", debugFile.get(), layout, false), failed);
    }
    if (targets.facility().isPresent()) {
      attach(root, syslogAppender(context, sink, targets.facility().get(), pid), failed);
    }
    if (targets.echoToStderr()) {
      attach(root, stderrAppender(context, layout(targets, pid, zone, false)), failed);
    }
    context.start();

    Logger log = LoggerFactory.getLogger(LogSetup.class);
    for (String target : failed) {
      log.error("Cannot open log target {}; its lines are lost", target);
    }
    return new LoggingHandle(context);
  }

  private static LoggerContext loggerContext() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (factory instanceof LoggerContext context) {
      return context;
    }
    throw new IllegalStateException("SLF4J is not bound to Logback but to " + factory.getClass().getName());
  }

  private static HeartbeatLayout layout(LogTargets targets, long pid, ZoneId zone, boolean stackTraces) {
    return new HeartbeatLayout(
        targets.style(), targets.hostName(), HeartbeatLayout.DEFAULT_PROGRAM, pid, zone, stackTraces);
  }

  private static FileAppender<ILoggingEvent> fileAppender(
      LoggerContext context, String name, Path file, HeartbeatLayout layout, boolean infoAndAbove) {
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setFile(file.toString());
    appender.setAppend(true);
    return withEncoder(appender, context, name, layout, infoAndAbove);
  }

  private static ConsoleAppender<ILoggingEvent> stderrAppender(LoggerContext context, HeartbeatLayout layout) {
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setTarget("System.err");
    return withEncoder(appender, context, "stderr", layout, true);
  }

  private static <A extends OutputStreamAppender<ILoggingEvent>> A withEncoder(
      A appender, LoggerContext context, String name, HeartbeatLayout layout, boolean infoAndAbove) {
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.setCharset(StandardCharsets.UTF_8);
    encoder.start();
    appender.setContext(context);
    appender.setName(name);
    appender.setEncoder(encoder);
    // A daemon may be killed -9 at any moment; buffered lines would be the ones explaining why.
    appender.setImmediateFlush(true);
    if (infoAndAbove) {
      appender.addFilter(infoThreshold(context));
    }
    return appender;
  }

  private static SyslogSinkAppender syslogAppender(
      LoggerContext context, SyslogSink sink, SyslogFacility facility, long pid) {
    SyslogSinkAppender appender = new SyslogSinkAppender(sink, facility, pid);
    appender.setContext(context);
    appender.setName("syslog");
    appender.addFilter(infoThreshold(context));
    return appender;
  }

  private static ThresholdFilter infoThreshold(LoggerContext context) {
    ThresholdFilter filter = new ThresholdFilter();
    filter.setContext(context);
    filter.setLevel(Level.INFO.levelStr);
    filter.start();
    return filter;
  }

  private static void attach(
      ch.qos.logback.classic.Logger root, Appender<ILoggingEvent> appender, List<String> failed) {
    appender.start();
    if (appender.isStarted()) {
      root.addAppender(appender);
    } else {
      failed.add(appender instanceof FileAppender<?> file ? file.getFile() : appender.getName());
    }
  }
}
