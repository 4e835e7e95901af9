package org.jheartbeat.platform.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns one logging event into the text of one or more physical log lines, without prefix or level word.
 *
 * <p>The formatted message is split at every line break, because operators grep Heartbeat logs line by line and a
 * continuation line without the prefix would be lost to them. A throwable becomes either {@code ": <class>:
 * <message>"} appended to the last line (the operator-facing summary) or, when full traces are wanted, additional
 * lines holding the stack trace, one frame per line. Shared by the file layout and the syslog appender so both
 * split identically.
 */
final class EventText {

  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

  private EventText() {}

  /**
   * The text lines of {@code event}.
   *
   * @param fullTrace true to emit the stack trace as extra lines, false to append only the exception summary
   */
  static List<String> lines(ILoggingEvent event, boolean fullTrace) {
    List<String> lines = split(String.valueOf(event.getFormattedMessage()));
    IThrowableProxy thrown = event.getThrowableProxy();
    if (thrown == null) {
      return lines;
    }
    if (fullTrace) {
      lines.addAll(split(ThrowableProxyUtil.asString(thrown)));
    } else {
      int last = lines.size() - 1;
      lines.set(last, lines.get(last) + ": " + summary(thrown));
    }
    return lines;
  }

  /** {@code <class>: <message>}, or just the class when the throwable has no message, as Throwable.toString does. */
  static String summary(IThrowableProxy thrown) {
    String message = thrown.getMessage();
    String summary = message == null ? thrown.getClassName() : thrown.getClassName() + ": " + message;
    // The message itself may span lines; keep the summary on the one line it is appended to.
    return String.join(" ", split(summary));
  }

  private static List<String> split(String text) {
    List<String> lines = new ArrayList<>(List.of(LINE_BREAK.split(text, -1)));
    // A trailing line break ends the message; it does not start an empty line.
    while (lines.size() > 1 && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
