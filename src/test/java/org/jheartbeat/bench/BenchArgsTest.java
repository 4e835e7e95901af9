package org.jheartbeat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchArgsTest {
  @Test
  void optionsComeInOrderWithTheirValues() {
    assertThat(BenchArgs.pairs(new String[] {"--runs", "3", "--out", "x", "--runs", "4"}))
        .containsExactly(Map.entry("--runs", "3"), Map.entry("--out", "x"), Map.entry("--runs", "4"));
    assertThat(BenchArgs.pairs(new String[0])).isEmpty();
  }

  @Test
  void helpIsAnEmptyRefusalAndAMissingValueIsNamed() {
    assertThatThrownBy(() -> BenchArgs.pairs(new String[] {"--runs", "3", "--help"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("");
    assertThatThrownBy(() -> BenchArgs.pairs(new String[] {"-h"})).hasMessage("");
    assertThatThrownBy(() -> BenchArgs.pairs(new String[] {"--runs", "3", "--out"}))
        .hasMessage("--out needs a value");
  }

  @Test
  void benchesParseThroughIt() {
    assertThat(FailoverBench.Options.parse(new String[] {"--runs", "2", "--daemon", "real"}).runs()).isEqualTo(2);
    assertThat(FootprintBench.Options.parse(new String[] {"--window", "5"}).window().toSeconds()).isEqualTo(5);
    assertThatThrownBy(() -> FootprintBench.Options.parse(new String[] {"--bogus", "1"}))
        .hasMessage("unknown option --bogus");
  }
}
