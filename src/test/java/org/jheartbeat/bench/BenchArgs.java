package org.jheartbeat.bench;

import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The command line of the bench/ mains: {@code --option value} pairs, {@code -h}/{@code --help},
 * and what a bad line does (message, usage, exit status 2; help exits 0). An
 * IllegalArgumentException with an empty message stands for "help asked for".
 */
final class BenchArgs {
  private BenchArgs() {}

  /** The options in order, each with its value; throws for help and for an option without a value. */
  static List<Map.Entry<String, String>> pairs(String[] args) {
    List<Map.Entry<String, String>> pairs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-h") || a.equals("--help")) {
        throw new IllegalArgumentException("");
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value");
      }
      pairs.add(new SimpleImmutableEntry<>(a, args[++i]));
    }
    return pairs;
  }

  /**
   * {@code parser} applied to {@code args}; when it refuses them, prints {@code TOOL: why} (not for
   * help) and {@code usage} to stderr and exits.
   */
  static <T> T parseOrExit(String tool, String usage, String[] args, Function<String[], T> parser) {
    try {
      return parser.apply(args);
    } catch (IllegalArgumentException e) {
      if (!e.getMessage().isEmpty()) {
        System.err.println(tool + ": " + e.getMessage());
      }
      System.err.println(usage);
      System.exit(e.getMessage().isEmpty() ? 0 : 2);
      throw e;
    }
  }
}
