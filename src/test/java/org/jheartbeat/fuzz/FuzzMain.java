package org.jheartbeat.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code scripts/fuzz}: the long run. Runs every selected target for {@code --cases} cases from
 * {@code --seed} (default: the current time, printed first), one progress line per block of cases
 * with cases/s, then a summary per target and the totals. {@code --case I} replays a single case
 * of a failure report. Exit status 0 when every case passed, 1 on the first failure (its report
 * names the seed, case and input), 2 on a usage error.
 */
public final class FuzzMain {
  private static final String USAGE = "usage: scripts/fuzz [--cases N] [--seed S] [--case I]"
      + " [--target " + String.join("|", FuzzTargets.NAMES) + "|all]";
  private static final long BLOCK = 100_000;

  private FuzzMain() {}

  public static void main(String[] args) {
    long cases = 1_000_000;
    long seed = System.currentTimeMillis();
    long single = -1;
    String target = "all";
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--cases" -> cases = Long.parseLong(required(value, args[i]).replace("_", ""));
          case "--seed" -> seed = Long.decode(required(value, args[i]));
          case "--case" -> single = Long.parseLong(required(value, args[i]));
          case "--target" -> target = required(value, args[i]);
          case "-h", "--help" -> {
            System.out.println(USAGE);
            return;
          }
          default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
        }
        i++;
      }
      if (!target.equals("all") && !FuzzTargets.NAMES.contains(target)) {
        throw new IllegalArgumentException("unknown target '" + target + "'");
      }
      if (cases < 1) {
        throw new IllegalArgumentException("--cases must be at least 1");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("scripts/fuzz: " + e.getMessage() + "\n" + USAGE);
      System.exit(2);
      return;
    }
    List<String> names = target.equals("all") ? FuzzTargets.NAMES : List.of(target);
    System.out.println("fuzz: seed " + seed + ", " + (single >= 0 ? "case " + single : cases + " cases per target")
        + ", targets " + names);
    try (FuzzTargets targets = new FuzzTargets()) {
      List<FuzzReport> reports = new ArrayList<>();
      for (String name : names) {
        reports.add(single >= 0 ? new FuzzRunner().run(targets.get(name), seed, single, 1)
            : run(targets.get(name), seed, cases));
      }
      System.out.println("fuzz: summary");
      reports.forEach(r -> System.out.println("  " + r.summary()));
      long total = reports.stream().mapToLong(FuzzReport::cases).sum();
      double seconds = reports.stream().mapToLong(FuzzReport::elapsedNanos).sum() / 1e9;
      System.out.printf(Locale.ROOT, "fuzz: total %,d cases in %.1f s (%,.0f cases/s), no failure%n",
          total, seconds, total / seconds);
    } catch (AssertionError e) {
      System.out.println("fuzz: FAILED " + e.getMessage());
      if (e.getCause() != null && !(e.getCause() instanceof FuzzViolation)) {
        e.getCause().printStackTrace(System.out);
      }
      System.exit(1);
    }
  }

  /** Runs in blocks, so a long run shows progress and a heap figure per block. */
  private static FuzzReport run(FuzzTarget<?> target, long seed, long cases) {
    FuzzRunner runner = new FuzzRunner();
    FuzzReport total = null;
    for (long first = 0; first < cases; first += BLOCK) {
      FuzzReport block = runner.run(target, seed, first, Math.min(BLOCK, cases - first));
      total = total == null ? block : total.then(block);
      System.out.printf(Locale.ROOT, "  %-12s %,d/%,d cases, %,.0f cases/s, heap %,d KiB%n", target.name(),
          first + block.cases(), cases, block.casesPerSecond(), block.heapEndBytes() / 1024);
    }
    if (total.heapGrowthBytes() > FuzzRunner.MAX_HEAP_GROWTH) {
      throw new AssertionError(target.name() + ": used heap grew by " + total.heapGrowthBytes() / 1024
          + " KiB over the run (bound " + FuzzRunner.MAX_HEAP_GROWTH / 1024 + " KiB)");
    }
    return total;
  }

  private static String required(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }
}
