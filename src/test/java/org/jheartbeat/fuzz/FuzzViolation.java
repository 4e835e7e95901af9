package org.jheartbeat.fuzz;

import java.util.function.Supplier;

/** An oracle of a fuzz target does not hold for an input (as opposed to a crash). */
final class FuzzViolation extends AssertionError {
  FuzzViolation(String message) {
    super(message);
  }

  /** Fails with the message when the condition is false; the message is built only then. */
  static void require(boolean condition, Supplier<String> message) {
    if (!condition) {
      throw new FuzzViolation(message.get());
    }
  }
}
