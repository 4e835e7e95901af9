package org.jheartbeat.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The runner itself: it reports crashes, oracle failures, hangs and allocation with a replayable case. */
class FuzzRunnerTest {
  /** A target whose parse misbehaves on chosen cases: its input is the case's first random byte. */
  private static final class Faulty implements FuzzTarget<Integer> {
    private final String fault;
    private final List<byte[]> seen = new ArrayList<>();

    Faulty(String fault) {
      this.fault = fault;
    }

    @Override
    public String name() {
      return "faulty";
    }

    @Override
    public byte[] generate(RandomGenerator random) {
      byte[] b = {(byte) random.nextInt(256), 42};
      seen.add(b);
      return b;
    }

    @Override
    public Integer parse(byte[] input) {
      boolean now = seen.size() == 4;
      if (now && fault.equals("crash")) {
        throw new IllegalStateException("boom");
      }
      if (now && fault.equals("allocate")) {
        return new byte[4 << 20].length;
      }
      long end = System.nanoTime() + 3_000_000_000L;
      while (now && fault.equals("hang") && System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
        Thread.onSpinWait();
      }
      return input.length;
    }

    @Override
    public String check(byte[] input, Integer parsed) {
      FuzzViolation.require(!(seen.size() == 4 && fault.equals("oracle")), () -> "oracle says no");
      return "ok";
    }

    @Override
    public long allocationBound(int inputLength) {
      return 1 << 20;
    }

    @Override
    public long deadlineMillis() {
      return 300;
    }
  }

  @Test
  void casesDependOnlyOnTargetSeedAndIndex() {
    assertThat(FuzzRunner.caseRandom("decoder", 7, 123).nextLong())
        .isEqualTo(FuzzRunner.caseRandom("decoder", 7, 123).nextLong())
        .isNotEqualTo(FuzzRunner.caseRandom("decoder", 7, 124).nextLong())
        .isNotEqualTo(FuzzRunner.caseRandom("classic", 7, 123).nextLong())
        .isNotEqualTo(FuzzRunner.caseRandom("decoder", 8, 123).nextLong());
  }

  @Test
  void aCleanRunCountsItsOutcomes() {
    FuzzReport report = new FuzzRunner().run(new Faulty("none"), 1, 0, 20);
    assertThat(report.outcomes()).containsEntry("ok", 20L);
    assertThat(report.heapGrowthBytes()).isLessThan(FuzzRunner.MAX_HEAP_GROWTH);
  }

  @Test
  void failuresNameTheSeedTheCaseAndTheInput() {
    for (String fault : List.of("crash", "oracle", "hang", "allocate")) {
      Faulty target = new Faulty(fault);
      String expected = switch (fault) {
        case "crash" -> "crash: java.lang.IllegalStateException: boom";
        case "oracle" -> "oracle failed: oracle says no";
        case "hang" -> "hang: still running after 300 ms";
        default -> "oracle failed: parsing allocated";
      };
      assertThatThrownBy(() -> new FuzzRunner().run(target, 99, 10, 100))
          .as(fault)
          .isInstanceOf(FuzzFailure.class)
          .hasMessageContaining("fuzz target faulty, seed 99, case 13: " + expected)
          .hasMessageContaining("--seed 99 --case 13")
          .hasMessageContaining("input (2 bytes, saved in target/fuzz-failures/faulty-99-13.bin): "
              + HexFormat.of().formatHex(target.seen.get(3)));
    }
  }
}
