package org.jheartbeat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void oddCountTakesTheMiddleValueWhateverTheOrder() {
    assertThat(Summary.of(List.of(548L, 434L, 594L, 700L, 12L))).isEqualTo(new Summary(12, 548, 700, 5));
  }

  @Test
  void evenCountTakesTheMeanOfTheTwoMiddleValuesRoundedDown() {
    assertThat(Summary.of(List.of(10L, 1L, 4L, 7L)).median()).isEqualTo(5);
    assertThat(Summary.of(List.of(3L)).cell()).isEqualTo("3 / 3 / 3");
  }

  @Test
  void noMeasurementsIsAClearError() {
    assertThatThrownBy(() -> Summary.of(List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no measurements");
  }

  @Test
  void seededRandomListsKeepMinAtMostMedianAtMostMaxAndHalfTheValuesOnEachSide() {
    Random random = new Random(20261202L);
    for (int round = 0; round < 200; round++) {
      List<Long> values = new ArrayList<>();
      int n = 1 + random.nextInt(15);
      for (int i = 0; i < n; i++) {
        values.add((long) random.nextInt(20_000) - 1_000);
      }
      Summary s = Summary.of(values);
      assertThat(s.min()).as("seed round %d: %s", round, values).isEqualTo(Collections.min(values));
      assertThat(s.max()).isEqualTo(Collections.max(values));
      long atMost = values.stream().filter(v -> v <= s.median()).count();
      long atLeast = values.stream().filter(v -> v >= s.median()).count();
      assertThat(atMost * 2).as("values <= median in %s", values).isGreaterThanOrEqualTo(n);
      assertThat(atLeast * 2).as("values >= median in %s", values).isGreaterThanOrEqualTo(n);
    }
  }
}
