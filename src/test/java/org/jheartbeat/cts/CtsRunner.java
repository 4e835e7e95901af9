package org.jheartbeat.cts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.jheartbeat.e2e.ClusterNode;

/**
 * Runs a seeded selection of tests on one {@link CtsCluster}, as Heartbeat's CTS does: the tests
 * are dealt from a shuffled deck (each test once before any repeats), each gets its own random
 * drawn from the run's seed, and after each one the {@link Audits} run. A failed test's logs are
 * kept and the cluster is {@link CtsCluster#reset() reset} before the next one. The run stops after
 * {@code iterations} tests, or, without a count, before the first test whose estimate no longer
 * fits the time budget.
 */
final class CtsRunner {
  /** What to run: the seed replays the whole sequence of tests and their choices. */
  record Settings(long seed, int iterations, Duration budget, List<String> tests, String peer) {
    String describe() {
      return "seed=" + seed + " peer=" + peer + (iterations > 0 ? " iterations=" + iterations
          : " budget=" + budget.toSeconds() + "s") + " tests=" + (tests.isEmpty() ? "all" : String.join(",", tests));
    }
  }

  static List<CtsTest> catalogue() {
    return Stream.of(StartStopTests.all(), FailureTests.all(), NetworkTests.all()).flatMap(List::stream).toList();
  }

  /** The tests named in {@code names} (all when empty); an unknown name is refused with the known ones. */
  static List<CtsTest> select(List<String> names) {
    List<CtsTest> all = catalogue();
    if (names.isEmpty()) {
      return all;
    }
    List<CtsTest> chosen = new ArrayList<>();
    for (String n : names) {
      chosen.add(all.stream().filter(t -> t.name().equalsIgnoreCase(n)).findFirst().orElseThrow(
          () -> new IllegalArgumentException("unknown CTS test " + n + "; known: "
              + all.stream().map(CtsTest::name).toList())));
    }
    return chosen;
  }

  /** What a test pays on top of its estimate per daemon it has to start first (JVM start, initdead, resource timer). */
  static final Duration START_COST = Duration.ofSeconds(12);

  private final Settings settings;
  private final List<CtsTest> tests;

  CtsRunner(Settings settings) {
    this.settings = settings;
    this.tests = select(settings.tests());
  }

  List<CtsResult> run(CtsCluster c) {
    Random rnd = new Random(settings.seed());
    List<CtsTest> deck = new ArrayList<>();
    List<CtsResult> results = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 1; settings.iterations() <= 0 || i <= settings.iterations(); i++) {
      if (deck.isEmpty()) {
        deck.addAll(tests);
        Collections.shuffle(deck, rnd);
      }
      CtsTest test = deck.remove(0);
      long testSeed = rnd.nextLong();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      Duration need = test.estimate().plus(START_COST.multipliedBy(c.nodes().stream().filter(n -> !c.running(n)).count()));
      if (settings.iterations() <= 0 && elapsed.plus(need).compareTo(settings.budget()) > 0) {
        break;
      }
      CtsResult r = runOne(c, i, test, new Random(testSeed));
      results.add(r);
      System.out.println("[CTS] " + r.row());
      progress(c.logDir(), r);
    }
    return results;
  }

  private CtsResult runOne(CtsCluster c, int index, CtsTest test, Random rnd) {
    Map<ClusterNode, LogMark> marks = c.marks();
    long t0 = System.nanoTime();
    Outcome outcome = null;
    List<String> problems = new ArrayList<>();
    try {
      outcome = test.run(c, rnd);
      problems.addAll(Audits.resources(c, outcome.owner()));
      problems.addAll(Audits.processes(c));
    } catch (Exception | AssertionError e) {
      problems.add(firstLine(e));
    }
    problems.addAll(Audits.logs(marks, test.ignore()));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    if (!problems.isEmpty()) {
      keepLogs(c, index, test, marks, problems);
      try {
        c.reset();
      } catch (RuntimeException e) {
        problems.add("reset failed: " + firstLine(e));
      }
    }
    String choice = outcome == null ? "(failed before its outcome)" : outcome.choice();
    CtsResult.Verdict verdict = problems.isEmpty() ? CtsResult.Verdict.PASS : CtsResult.Verdict.FAIL;
    String problem = String.join(" | ", problems);
    return new CtsResult(index, test.name(), choice, verdict, problem,
        outcome == null ? null : outcome.detectionMs(), outcome == null ? null : outcome.recoveryMs(), ms);
  }

  /** Appends the row to {@code progress.txt}, to follow a long run (Failsafe keeps the output until the end). */
  private static void progress(Path dir, CtsResult r) {
    try {
      Files.writeString(dir.resolve("progress.txt"), r.row() + "\n", java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("CtsRunner: cannot write progress.txt: " + e);
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getClass().getSimpleName() + ": " + e.getMessage();
    return m.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(3).reduce((a, b) -> a + " " + b).orElse(m);
  }

  private static void keepLogs(CtsCluster c, int index, CtsTest test, Map<ClusterNode, LogMark> marks,
      List<String> problems) {
    Path dir = c.logDir().resolve(String.format("%03d-%s", index, test.name()));
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("problems.txt"), String.join("\n", problems) + "\n");
      for (Map.Entry<ClusterNode, LogMark> e : marks.entrySet()) {
        Files.writeString(dir.resolve(e.getKey().name() + "-ha-log"), e.getValue().since());
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("CtsRunner: cannot keep the logs of " + test.name() + ": " + e);
    }
  }
}
