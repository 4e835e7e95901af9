package org.jheartbeat.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CI share of the fuzzer: a few thousand cases of every target from a fixed seed, so that a
 * build is reproducible; the long run ({@code scripts/fuzz}) explores further. Each target must
 * also reach its success path often enough for the round-trip and dump oracles to matter. Prints
 * the seed and counts per target. {@code -Djheartbeat.fuzz.seed=S} runs another seed, {@code
 * -Djheartbeat.fuzz.case=I} only case I of it, {@code -Djheartbeat.fuzz.cases=N} N cases per target.
 */
class FuzzTest {
  private static final long SEED = Long.getLong("jheartbeat.fuzz.seed", 20_260_602L);
  private static final long SINGLE_CASE = Long.getLong("jheartbeat.fuzz.case", -1);
  private static final Long CASES = Long.getLong("jheartbeat.fuzz.cases");
  /** Cases per target in CI: about 15 s of the whole build on an idle machine. */
  private static final Map<String, Long> CI_CASES = Map.of("decoder", 5_000L, "classic", 4_000L, "netstring", 4_000L,
      "hacf", 2_000L, "authkeys", 2_000L, "haresources", 1_500L);
  /** The outcome each target must reach in at least this share of its cases. */
  private static final Map<String, Double> SUCCESS_SHARE = Map.of("decoder", 0.1, "classic", 0.2, "netstring", 0.05,
      "hacf", 0.02, "authkeys", 0.01, "haresources", 0.05);

  private static FuzzTargets targets;

  @BeforeAll
  static void corpus() {
    targets = new FuzzTargets();
  }

  @AfterAll
  static void scratch() {
    targets.close();
  }

  static Stream<String> targetNames() {
    return FuzzTargets.NAMES.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targetNames")
  void noCrashNoHangBoundedMemoryAndRoundTrips(String name) {
    FuzzTarget<?> target = targets.get(name);
    if (SINGLE_CASE >= 0) {
      System.out.println(new FuzzRunner().run(target, SEED, SINGLE_CASE, 1).summary());
      return;
    }
    long cases = CASES != null ? CASES : CI_CASES.get(name);
    FuzzReport report = new FuzzRunner().run(target, SEED, 0, cases);
    System.out.println(report.summary());

    assertThat(report.cases()).isEqualTo(cases);
    String success = name.startsWith("ha") || name.equals("authkeys") ? "valid" : "decoded";
    long succeeded = report.count(success) + report.count("verified");
    assertThat(succeeded).as("%s cases of %s (%s)", success, name, report.outcomes())
        .isGreaterThanOrEqualTo((long) (cases * SUCCESS_SHARE.get(name)));
    assertThat(cases - succeeded).as("rejected cases of %s (%s)", name, report.outcomes()).isPositive();
  }
}
