package org.jheartbeat.cts;

/**
 * One test run of the suite: its place in the run, the test's name, the seeded choice, whether
 * it passed (the test's own expectations and every audit), the first problem when it did not,
 * and the measurements (null when the test measures none).
 */
record CtsResult(int index, String test, String choice, boolean passed, String problem, Long detectionMs,
    Long outageMs, long durationMs) {
  String row() {
    return String.format("%3d  %-16s %-4s %7s %7s %6.1fs  %s%s", index, test, passed ? "PASS" : "FAIL",
        detectionMs == null ? "-" : detectionMs, outageMs == null ? "-" : outageMs, durationMs / 1000.0, choice,
        passed ? "" : "\n       -> " + problem);
  }
}
