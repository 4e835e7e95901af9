package org.jheartbeat.fuzz;

import java.util.random.RandomGenerator;

/**
 * One thing to fuzz, in three steps per case: {@link #generate} makes the input from the case's
 * random generator, {@link #parse} runs the code under test on it (the step whose allocation the
 * runner bounds), and {@link #check} applies the oracles to what came out, returning a short
 * label of what happened (counted per run, e.g. "decoded" or "rejected"). An oracle that fails
 * throws {@link FuzzViolation}; any other throwable from {@code parse} is a crash of the code
 * under test.
 *
 * @param <P> what the code under test returned
 */
interface FuzzTarget<P> {
  String name();

  byte[] generate(RandomGenerator random);

  P parse(byte[] input);

  String check(byte[] input, P parsed);

  /**
   * The most bytes {@link #parse} may allocate for an input of this size: the memory oracle. The
   * code under test allocates in proportion to its input (within the limits it enforces), no more.
   */
  long allocationBound(int inputLength);

  /**
   * How long one case may run before it counts as a hang: far above the slowest case seen (1.3 s
   * for 111 KB of haresources on a machine with a load average of 80), so that CI never flakes.
   */
  default long deadlineMillis() {
    return 10_000;
  }
}
