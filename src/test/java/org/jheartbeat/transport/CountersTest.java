package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.testkit.ManualClock;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class CountersTest {
  private static final Logger LOG = LoggerFactory.getLogger(CountersTest.class);

  private final ManualClock clock = new ManualClock();
  private final Counters counters = new Counters(clock);

  @Test
  void errorsAreAllCountedButLoggedOncePerIntervalAndDirectionWithTheNumberNotLogged() {
    try (LogCapture logs = new LogCapture(CountersTest.class.getName())) {
      for (int i = 0; i < 4; i++) {
        counters.sendError(LOG, "ucast eth1", "Network is unreachable");
      }
      counters.receiveError(LOG, "ucast eth1", "Connection refused");
      clock.advance(Counters.LOG_INTERVAL.minusNanos(1));
      counters.sendError(LOG, "ucast eth1", "Network is unreachable");
      clock.advance(Duration.ofNanos(1));
      counters.sendError(LOG, "ucast eth1", "Host is down");

      assertThat(logs.lines()).containsExactly(
          "WARN: ucast eth1: send failed: Network is unreachable (0 similar errors not logged)",
          "WARN: ucast eth1: receive failed: Connection refused (0 similar errors not logged)",
          "WARN: ucast eth1: send failed: Host is down (4 similar errors not logged)");
      assertThat(counters.snapshot().sendErrors()).isEqualTo(6);
      assertThat(counters.snapshot().receiveErrors()).isEqualTo(1);
    }
  }
}
