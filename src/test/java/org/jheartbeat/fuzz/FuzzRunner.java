package org.jheartbeat.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs cases {@code [first, first + count)} of a target on a worker thread while the calling
 * thread watches the clock: a case still running after the target's deadline is a hang and is
 * reported with its input and the worker's stack. Around each parse the worker reads its own
 * allocation counter (HotSpot's per-thread allocated bytes) and holds it to the target's bound
 * (over it, the input is parsed once more and measured again, because a first parse may load
 * and initialise classes);
 * after a warm-up and at the end the runner takes the used heap after a full GC, and a run whose
 * heap grew by more than {@link #MAX_HEAP_GROWTH} fails: the code under test keeps nothing from
 * one input to the next. The first failure stops the run.
 */
final class FuzzRunner {
  /** How much the used heap may grow over a run (GC noise, JIT-era caches), far below a leak per case. */
  static final long MAX_HEAP_GROWTH = 32L << 20;
  private static final long POLL_MILLIS = 50;

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  /** The random generator of case {@code index}: a function of (target, seed, index) only. */
  static SplittableRandom caseRandom(String target, long seed, long index) {
    long mixed = seed * 0x9E3779B97F4A7C15L ^ target.hashCode() * 0xC2B2AE3D27D4EB4FL;
    return new SplittableRandom(new SplittableRandom(mixed + index).nextLong());
  }

  <P> FuzzReport run(FuzzTarget<P> target, long seed, long first, long count) {
    return run(target, seed, first, count, i -> target.generate(caseRandom(target.name(), seed, i)),
        (i, what, input, cause) -> new FuzzFailure(target.name(), seed, i, what, input, cause));
  }

  /** Runs the given inputs (a regression corpus) under the same oracles, deadline and bounds. */
  <P> FuzzReport replay(FuzzTarget<P> target, List<Path> files) {
    List<byte[]> inputs = files.stream().map(FuzzRunner::read).toList();
    return run(target, 0, 0, inputs.size(), i -> inputs.get((int) i),
        (i, what, input, cause) -> new FuzzFailure(target.name(), "regression file " + files.get((int) i),
            "mvn test -Dtest=FuzzCorpusTest", target.name() + "-" + files.get((int) i).getFileName(), what, input,
            cause));
  }

  /** Makes case {@code i}'s input. */
  private interface Inputs {
    byte[] of(long i);
  }

  /** Describes a failed case. */
  private interface Failures {
    FuzzFailure of(long i, String what, byte[] input, Throwable cause);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private <P> FuzzReport run(FuzzTarget<P> target, long seed, long first, long count, Inputs inputs,
      Failures failures) {
    Worker<P> worker = new Worker<>(target, first, count, inputs, failures);
    Thread thread = new Thread(worker, "fuzz-" + target.name());
    thread.setDaemon(true); // a hung case must not keep the JVM alive after the failure is reported
    long started = System.nanoTime();
    thread.start();
    try {
      while (thread.isAlive()) {
        thread.join(POLL_MILLIS);
        checkDeadline(target, worker, thread, failures);
      }
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while fuzzing " + target.name(), e);
    }
    long elapsed = System.nanoTime() - started;
    if (worker.failure.get() != null) {
      throw worker.failure.get();
    }
    long heapEnd = usedHeapAfterGc();
    FuzzReport report = new FuzzReport(target.name(), seed, count, worker.outcomes, elapsed,
        worker.slowest, worker.mostAllocated, worker.mostAllocatedInput, worker.mostAllocatedCase, worker.heapWarm,
        heapEnd);
    if (report.heapGrowthBytes() > MAX_HEAP_GROWTH) {
      throw new AssertionError("fuzz target " + target.name() + ", seed " + seed + ": used heap grew by "
          + report.heapGrowthBytes() / 1024 + " KiB over " + count + " cases (bound "
          + MAX_HEAP_GROWTH / 1024 + " KiB): something keeps state from case to case");
    }
    return report;
  }

  private void checkDeadline(FuzzTarget<?> target, Worker<?> worker, Thread thread, Failures failures) {
    long start = worker.caseStart;
    long index = worker.caseIndex;
    byte[] input = worker.caseInput;
    if (index < 0 || System.nanoTime() - start < target.deadlineMillis() * 1_000_000L) {
      return;
    }
    if (worker.caseStart != start || worker.caseIndex != index) {
      return; // it finished between the two reads
    }
    StringBuilder stack = new StringBuilder();
    for (StackTraceElement e : thread.getStackTrace()) {
      stack.append("\n    at ").append(e);
    }
    thread.interrupt();
    throw failures.of(index, "hang: still running after " + target.deadlineMillis() + " ms" + stack, input, null);
  }

  long usedHeapAfterGc() {
    System.gc();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** The loop on the worker thread; the volatile fields are what the watchdog reads. */
  private final class Worker<P> implements Runnable {
    private final FuzzTarget<P> target;
    private final long first;
    private final long count;
    private final Inputs inputs;
    private final Failures failures;
    private final Map<String, Long> outcomes = new HashMap<>();
    private final AtomicReference<AssertionError> failure = new AtomicReference<>();
    private volatile long caseIndex = -1;
    private volatile long caseStart;
    private volatile byte[] caseInput = new byte[0];
    private long slowest;
    private long mostAllocated;
    private int mostAllocatedInput;
    private long mostAllocatedCase;
    private long heapWarm;

    Worker(FuzzTarget<P> target, long first, long count, Inputs inputs, Failures failures) {
      this.target = target;
      this.first = first;
      this.count = count;
      this.inputs = inputs;
      this.failures = failures;
    }

    private long allocatedByParsing(byte[] input) {
      long before = threads.getCurrentThreadAllocatedBytes();
      target.parse(input);
      return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Override
    public void run() {
      long warmUp = first + Math.min(count / 10, 2_000);
      for (long i = first; i < first + count && !Thread.currentThread().isInterrupted(); i++) {
        if (i == warmUp) {
          caseIndex = -1; // no case runs while the GC does: the watchdog must not time it
          heapWarm = usedHeapAfterGc();
        }
        caseIndex = i;
        caseStart = System.nanoTime();
        byte[] input = new byte[0];
        try {
          input = inputs.of(i);
          caseInput = input;
          long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
          P parsed = target.parse(input);
          long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
          if (allocated > target.allocationBound(input.length)) {
            allocated = allocatedByParsing(input); // the first parse may have loaded classes
          }
          if (allocated > mostAllocated) {
            mostAllocated = allocated;
            mostAllocatedInput = input.length;
            mostAllocatedCase = i;
          }
          if (allocated > target.allocationBound(input.length)) {
            throw new FuzzViolation("parsing allocated " + allocated + " bytes for an input of " + input.length
                + " bytes (bound " + target.allocationBound(input.length) + ")");
          }
          outcomes.merge(target.check(input, parsed), 1L, Long::sum);
          slowest = Math.max(slowest, System.nanoTime() - caseStart);
        } catch (FuzzViolation v) {
          failure.set(failures.of(i, "oracle failed: " + v.getMessage(), input, v));
          return;
        } catch (Throwable t) {
          failure.set(failures.of(i, "crash: " + t, input, t));
          return;
        }
      }
      caseIndex = -1;
    }
  }
}
