package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.jheartbeat.api.StatusReport;
import org.jheartbeat.testkit.ManualClock;
import org.junit.jupiter.api.Test;

class TransitionLogTest {
  @Test
  void keepsTheLatestEntriesOldestFirstWithWallTimestamps() {
    ManualClock clock = new ManualClock();
    TransitionLog log = new TransitionLog(clock, 3);
    for (int i = 1; i <= 5; i++) {
      log.record("node", "n" + i, "active", "dead", "status update");
    }
    assertThat(log.snapshot()).extracting(StatusReport.Transition::subject).containsExactly("n3", "n4", "n5");
    assertThat(log.snapshot().get(0).at()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void theDefaultCapacityIs200() {
    TransitionLog log = new TransitionLog(new ManualClock());
    for (int i = 0; i < 250; i++) {
      log.record("link", "n1:eth" + i, "", "up", "link up");
    }
    assertThat(log.snapshot()).hasSize(TransitionLog.CAPACITY).first()
        .extracting(StatusReport.Transition::subject).isEqualTo("n1:eth50");
  }
}
