package org.jheartbeat.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogTargetsTest {

  @Test
  void devNullMeansDisabled() {
    LogTargets targets =
        new LogTargets(
            Optional.of(Path.of("/dev/null")),
            Optional.of(Path.of("/dev/./null")),
            Optional.empty(),
            LineStyle.SYSLOG,
            "alpha",
            false);

    assertThat(targets.logFile()).isEmpty();
    assertThat(targets.debugFile()).isEmpty();
    assertThat(targets.hasNoTarget()).isTrue();
  }

  @Test
  void realFilesAndFacilityAreKept() {
    LogTargets targets =
        new LogTargets(
            Optional.of(Path.of("/var/log/ha-log")),
            Optional.empty(),
            Optional.of(SyslogFacility.LOCAL0),
            LineStyle.CLASSIC,
            "alpha",
            false);

    assertThat(targets.logFile()).contains(Path.of("/var/log/ha-log"));
    assertThat(targets.hasNoTarget()).isFalse();
  }
}
