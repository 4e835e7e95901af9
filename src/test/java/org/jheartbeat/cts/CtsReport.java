package org.jheartbeat.cts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The text a run prints: the seed and settings, one row per test run (index, test, PASS/FAIL,
 * detection ms, client outage ms, duration, choice, and the problem of a failure), then per test
 * name the pass/fail counts and detection/outage min/median/max, then the totals.
 */
final class CtsReport {
  private CtsReport() {}

  static String render(String header, List<CtsResult> results) {
    StringBuilder b = new StringBuilder(header).append('\n');
    b.append("  #  test             res  detect  outage   time  choice\n");
    results.forEach(r -> b.append(r.row()).append('\n'));
    b.append('\n').append(String.format("%-16s %5s %5s %5s  %-20s %-20s%n", "test", "runs", "pass", "fail",
        "detect min/med/max", "outage min/med/max"));
    Map<String, List<CtsResult>> byTest = new LinkedHashMap<>();
    results.stream().sorted((x, y) -> x.test().compareTo(y.test()))
        .forEach(r -> byTest.computeIfAbsent(r.test(), k -> new ArrayList<>()).add(r));
    byTest.forEach((test, rs) -> {
      long pass = rs.stream().filter(CtsResult::passed).count();
      b.append(String.format("%-16s %5d %5d %5d  %-20s %-20s%n", test, rs.size(), pass, rs.size() - pass,
          stats(rs.stream().filter(CtsResult::passed).map(CtsResult::detectionMs).filter(Objects::nonNull).toList()),
          stats(rs.stream().filter(CtsResult::passed).map(CtsResult::outageMs).filter(Objects::nonNull).toList())));
    });
    long pass = results.stream().filter(CtsResult::passed).count();
    b.append(String.format("%-16s %5d %5d %5d%n", "TOTAL", results.size(), pass, results.size() - pass));
    return b.toString();
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
