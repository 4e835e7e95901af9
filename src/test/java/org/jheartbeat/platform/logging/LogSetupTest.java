package org.jheartbeat.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jheartbeat.platform.logging.RecordingSyslogSink.Sent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** End-to-end through SLF4J and the global Logback context, as the daemon uses it. */
class LogSetupTest {

  private static final long PID = 4242;
  private static final String TIME = "[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}";
  private static final String PREFIX = TIME + " alpha heartbeat: \\[4242\\]: ";

  @TempDir Path dir;

  private final RecordingSyslogSink sink = new RecordingSyslogSink();
  private final Logger log = LoggerFactory.getLogger("org.jheartbeat.test");
  private LoggingHandle handle;

  @AfterEach
  void closeLogging() {
    if (handle != null) {
      handle.close();
    }
  }

  private LogTargets targets(Path logFile, Path debugFile, SyslogFacility facility, boolean echo) {
    return new LogTargets(
        Optional.ofNullable(logFile),
        Optional.ofNullable(debugFile),
        Optional.ofNullable(facility),
        LineStyle.SYSLOG,
        "alpha",
        echo);
  }

  private static List<String> read(Path file) throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  @Test
  void infoGoesToBothFilesAndDebugOnlyToTheDebugFile() throws IOException {
    Path logFile = dir.resolve("ha-log");
    Path debugFile = dir.resolve("ha-debug");
    handle = LogSetup.configure(targets(logFile, debugFile, null, false), sink, PID, ZoneOffset.UTC);

    log.info("Local status now set to: '{}'", "up");
    log.debug("sending heartbeat seq={}", 7);
    handle.close();

    assertThat(read(logFile)).singleElement().asString().matches(PREFIX + "info: Local status now set to: 'up'");
    assertThat(read(debugFile))
        .hasSize(2)
        .satisfiesExactly(
            line -> assertThat(line).matches(PREFIX + "info: Local status now set to: 'up'"),
            line -> assertThat(line).matches(PREFIX + "debug: sending heartbeat seq=7"));
  }

  @Test
  void stackTraceGoesOnlyToTheDebugFile() throws IOException {
    Path logFile = dir.resolve("ha-log");
    Path debugFile = dir.resolve("ha-debug");
    handle = LogSetup.configure(targets(logFile, debugFile, null, false), sink, PID, ZoneOffset.UTC);

    log.error("Cannot write state file", new IOException("No space left on device"));
    handle.close();

    assertThat(read(logFile))
        .singleElement()
        .asString()
        .matches(PREFIX + "ERROR: Cannot write state file: java.io.IOException: No space left on device");
    List<String> debug = read(debugFile);
    assertThat(debug.get(0)).matches(PREFIX + "ERROR: Cannot write state file");
    assertThat(debug.get(1)).matches(PREFIX + "ERROR: java.io.IOException: No space left on device");
    assertThat(debug.get(2)).matches(PREFIX + "ERROR: \tat org\\.jheartbeat\\.platform\\.logging\\.LogSetupTest\\..*");
  }

  @Test
  void devNullDisablesTheFilesAndDebugLevel() {
    handle =
        LogSetup.configure(
            targets(Path.of("/dev/null"), Path.of("/dev/null"), null, false), sink, PID, ZoneOffset.UTC);

    assertThat(log.isDebugEnabled()).isFalse();
    assertThat(log.isInfoEnabled()).isTrue();
  }

  @Test
  void withoutDebugFileDebugIsOffAndNeverReachesTheLogFile() throws IOException {
    Path logFile = dir.resolve("ha-log");
    handle = LogSetup.configure(targets(logFile, null, null, false), sink, PID, ZoneOffset.UTC);

    assertThat(log.isDebugEnabled()).isFalse();
    log.debug("invisible");
    log.warn("visible");
    handle.close();

    assertThat(read(logFile)).singleElement().asString().matches(PREFIX + "WARN: visible");
  }

  @Test
  void syslogGetsFacilityAndPriorityButNoDebug() {
    handle =
        LogSetup.configure(
            targets(null, dir.resolve("ha-debug"), SyslogFacility.LOCAL7, false), sink, PID, ZoneOffset.UTC);

    log.info("Status update for node {}: status {}", "bravo", "active");
    log.error(HbMarkers.CRIT, "Late heartbeat: Node {}: interval {} ms (> deadtime)", "bravo", 17010);
    log.debug("not for syslog");

    assertThat(sink.sent)
        .containsExactly(
            new Sent(184, HeartbeatLevel.INFO, "[4242]: info: Status update for node bravo: status active"),
            new Sent(184, HeartbeatLevel.CRIT, "[4242]: CRIT: Late heartbeat: Node bravo: interval 17010 ms (> deadtime)"));
  }

  @Test
  void sameFileForLogAndDebugIsWrittenOnceAndReconfiguringReopensIt() throws IOException {
    Path both = dir.resolve("ha-log");
    handle = LogSetup.configure(targets(both, both, null, false), sink, PID, ZoneOffset.UTC);
    log.info("first");
    handle.close();

    handle = LogSetup.configure(targets(both, both, null, false), sink, PID, ZoneOffset.UTC);
    log.info("second");
    handle.close();

    assertThat(read(both))
        .satisfiesExactly(
            line -> assertThat(line).matches(PREFIX + "info: first"),
            line -> assertThat(line).matches(PREFIX + "info: second"));
  }

  @Test
  void unopenableLogFileIsReportedThroughTheOtherTargets() throws IOException {
    Path notAFile = Files.createDirectory(dir.resolve("a-directory"));
    Path debugFile = dir.resolve("ha-debug");
    handle = LogSetup.configure(targets(notAFile, debugFile, null, false), sink, PID, ZoneOffset.UTC);
    log.info("still logging");
    handle.close();

    assertThat(read(debugFile))
        .satisfiesExactly(
            line -> assertThat(line).matches(PREFIX + "ERROR: Cannot open log target .*a-directory; its lines are lost"),
            line -> assertThat(line).matches(PREFIX + "info: still logging"));
  }

  @Test
  void echoToStderrUsesTheHeartbeatLayout() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      handle = LogSetup.configure(targets(null, null, null, true), sink, PID, ZoneOffset.UTC);
      log.info("Configuration validated. Starting heartbeat {}", "3.0.6");
      log.debug("hidden");
      handle.close();
    } finally {
      System.setErr(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .matches(PREFIX + "info: Configuration validated\\. Starting heartbeat 3\\.0\\.6\n");
  }
}
