package org.jheartbeat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jheartbeat.bench.Measurement.Daemon;
import org.junit.jupiter.api.Test;

class ResultTableTest {
  @Test
  void oneRowPerFigureWithBothDaemonsAndTheRatioOfMedians() {
    ResultTable t = new ResultTable();
    t.add(new Measurement("fast", "graceful stop", Daemon.REAL, 1, 500, 520));
    t.add(new Measurement("fast", "graceful stop", Daemon.REAL, 2, 600, 610));
    t.add(new Measurement("fast", "graceful stop", Daemon.REAL, 3, 400, 430));
    t.add(new Measurement("fast", "graceful stop", Daemon.JHEARTBEAT, 1, 50, 60));
    t.add(new Measurement("fast", "graceful stop", Daemon.JHEARTBEAT, 2, 100, 90));

    assertThat(t.markdown().lines()).containsExactly(
        "| timing | scenario | figure (ms) | Heartbeat 3.0.6 min / median / max | jheartbeat min / median / max"
            + " | ratio of medians |",
        "|---|---|---|---|---|---|",
        "| fast | graceful stop | client outage | 400 / 500 / 600 (3) | 50 / 75 / 100 (2) | 0.15 |",
        "| fast | graceful stop | detection → serving | 430 / 520 / 610 (3) | 60 / 75 / 90 (2) | 0.14 |");
  }

  @Test
  void aSideWithoutRunsOrAZeroMedianHasNoRatio() {
    ResultTable t = new ResultTable();
    t.add(new Measurement("tutorial", "crash", Daemon.JHEARTBEAT, 1, 15_000, 40));
    t.add(new Measurement("tutorial", "hb_standby", Daemon.REAL, 1, 0, 0));
    t.add(new Measurement("tutorial", "hb_standby", Daemon.JHEARTBEAT, 1, 0, 0));

    assertThat(t.markdown()).contains("| tutorial | crash | client outage | - | 15000 / 15000 / 15000 (1) | - |")
        .contains("| tutorial | hb_standby | client outage | 0 / 0 / 0 (1) | 0 / 0 / 0 (1) | - |");
    assertThat(new ResultTable().markdown()).isEqualTo("(no runs)\n");
  }

  @Test
  void measurementsRoundTripThroughTheirCsvLineAndBadLinesAreRefusedClearly() {
    Measurement m = new Measurement("fast (100ms/500ms)", "hb_standby", Daemon.JHEARTBEAT, 4, 87, 91);
    assertThat(Measurement.parse(m.csv())).isEqualTo(m);
    assertThatThrownBy(() -> Measurement.parse("fast,crash,REAL,1,12")).hasMessageContaining("6 comma-separated");
    assertThatThrownBy(() -> Measurement.parse("fast,crash,BOTH,1,12,3")).hasMessageContaining("bad measurement");
  }
}
