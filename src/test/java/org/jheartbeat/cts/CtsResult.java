package org.jheartbeat.cts;

/**
 * One test run of the suite: its place in the run, the test's name, the seeded choice, the
 * verdict, the problems (why it failed), and the measurements
 * (null when the test measures none).
 */
record CtsResult(int index, String test, String choice, Verdict verdict, String problem, Long detectionMs,
    Long recoveryMs, long durationMs) {
  /** PASS; FAIL (an expectation or audit failed). */
  enum Verdict { PASS, FAIL }

  boolean passed() {
    return verdict != Verdict.FAIL;
  }

  String row() {
    return String.format("%3d  %-16s %-5s %7s %7s %6.1fs  %s%s", index, test, verdict,
        detectionMs == null ? "-" : detectionMs, recoveryMs == null ? "-" : recoveryMs, durationMs / 1000.0, choice,
        verdict == Verdict.PASS ? "" : "\n       -> " + problem);
  }
}
