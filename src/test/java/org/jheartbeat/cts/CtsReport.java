package org.jheartbeat.cts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jheartbeat.cts.CtsResult.Verdict;

/**
 * The text a run prints: the seed and settings, one row per test run (index, test, verdict,
 * detection ms, recovery ms, duration, choice, and the problem of a failure), then
 * per test name the run/pass/fail counts and detection/recovery min/median/max of the runs
 * that did not fail, then the totals.
 */
final class CtsReport {
  private CtsReport() {}

  static String render(String header, List<CtsResult> results) {
    StringBuilder b = new StringBuilder(header).append('\n');
    b.append("  #  test             res    detect recover   time  choice\n");
    results.forEach(r -> b.append(r.row()).append('\n'));
    b.append('\n').append(String.format("%-16s %5s %5s %5s  %-20s %-20s%n", "test", "runs", "pass", "fail",
        "detect min/med/max", "recover min/med/max"));
    Map<String, List<CtsResult>> byTest = new LinkedHashMap<>();
    results.stream().sorted((x, y) -> x.test().compareTo(y.test()))
        .forEach(r -> byTest.computeIfAbsent(r.test(), k -> new ArrayList<>()).add(r));
    byTest.forEach((test, rs) -> {
      b.append(String.format("%-16s %5d %5d %5d  %-20s %-20s%n", test, rs.size(), count(rs, Verdict.PASS),
          count(rs, Verdict.FAIL),
          stats(rs.stream().filter(CtsResult::passed).map(CtsResult::detectionMs).filter(Objects::nonNull).toList()),
          stats(rs.stream().filter(CtsResult::passed).map(CtsResult::recoveryMs).filter(Objects::nonNull).toList())));
    });
    b.append(String.format("%-16s %5d %5d %5d%n", "TOTAL", results.size(), count(results, Verdict.PASS),
        count(results, Verdict.FAIL)));
    return b.toString();
  }

  private static long count(List<CtsResult> rs, Verdict v) {
    return rs.stream().filter(r -> r.verdict() == v).count();
  }

  /** {@code min/median/max} in ms (the lower median of an even count), or {@code -} for none. */
  static String stats(List<Long> values) {
    if (values.isEmpty()) {
      return "-";
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(0) + "/" + sorted.get((sorted.size() - 1) / 2) + "/" + sorted.get(sorted.size() - 1);
  }
}
