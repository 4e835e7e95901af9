package org.jheartbeat.fuzz;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one run of a target did: how many cases, what they came to (the labels {@link
 * FuzzTarget#check} returned), how fast, the slowest case, the most a case allocated per input
 * byte, and the used heap after a full GC once the run was warm and again at its end.
 */
record FuzzReport(String target, long seed, long cases, Map<String, Long> outcomes, long elapsedNanos,
    long slowestCaseNanos, long mostAllocated, int mostAllocatedInputLength, long mostAllocatedCase, long heapWarmBytes,
    long heapEndBytes) {
  FuzzReport {
    outcomes = new TreeMap<>(outcomes);
  }

  /** This run followed by {@code next} (same target and seed, the cases after these). */
  FuzzReport then(FuzzReport next) {
    Map<String, Long> sum = new TreeMap<>(outcomes);
    next.outcomes.forEach((k, v) -> sum.merge(k, v, Long::sum));
    boolean nextAllocatedMore = next.mostAllocated > mostAllocated;
    return new FuzzReport(target, seed, cases + next.cases, sum, elapsedNanos + next.elapsedNanos,
        Math.max(slowestCaseNanos, next.slowestCaseNanos),
        nextAllocatedMore ? next.mostAllocated : mostAllocated,
        nextAllocatedMore ? next.mostAllocatedInputLength : mostAllocatedInputLength,
        nextAllocatedMore ? next.mostAllocatedCase : mostAllocatedCase, heapWarmBytes,
        next.heapEndBytes);
  }

  double casesPerSecond() {
    return elapsedNanos == 0 ? 0 : cases * 1e9 / elapsedNanos;
  }

  long heapGrowthBytes() {
    return heapEndBytes - heapWarmBytes;
  }

  long count(String outcome) {
    return outcomes.getOrDefault(outcome, 0L);
  }

  String summary() {
    return String.format(java.util.Locale.ROOT,
        "%-12s seed %d: %,d cases in %.1f s (%,.0f cases/s) %s; slowest case %.1f ms;"
            + " most allocated %,d bytes (case %d, input %,d bytes); heap %,d KiB warm, %,d KiB at end",
        target, seed, cases, elapsedNanos / 1e9, casesPerSecond(), outcomes, slowestCaseNanos / 1e6,
        mostAllocated, mostAllocatedCase, mostAllocatedInputLength, heapWarmBytes / 1024, heapEndBytes / 1024);
  }
}
