package org.jheartbeat.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * A case that crashed, hung, or broke an oracle. The message names everything needed to replay
 * it (target, seed, case index, the input in hex); the whole input is also written to
 * {@code target/fuzz-failures/} so that it can become a regression file of the corpus.
 */
final class FuzzFailure extends AssertionError {
  private static final int MAX_HEX_BYTES = 1024;
  private static final Path SAVE_DIR = Path.of("target", "fuzz-failures");

  /** A failure of case {@code caseIndex} of a seeded run. */
  FuzzFailure(String target, long seed, long caseIndex, String what, byte[] input, Throwable cause) {
    this(target, "seed " + seed + ", case " + caseIndex, "scripts/fuzz --target " + target + " --seed " + seed
        + " --case " + caseIndex + "  (or mvn test -Dtest=FuzzTest -Djheartbeat.fuzz.seed=" + seed
        + " -Djheartbeat.fuzz.case=" + caseIndex + ")", target + "-" + seed + "-" + caseIndex, what, input, cause);
  }

  /** A failure of a given input, e.g. a regression file of the corpus. */
  FuzzFailure(String target, String where, String replay, String saveName, String what, byte[] input,
      Throwable cause) {
    super(describe(target, where, replay, saveName, what, input), cause);
  }

  private static String describe(String target, String where, String replay, String saveName, String what,
      byte[] input) {
    String saved = save(saveName, input);
    String hex = HexFormat.of().formatHex(input, 0, Math.min(input.length, MAX_HEX_BYTES))
        + (input.length > MAX_HEX_BYTES ? "… (first " + MAX_HEX_BYTES + " bytes)" : "");
    return "fuzz target " + target + ", " + where + ": " + what + "\n  replay: " + replay
        + "\n  input (" + input.length + " bytes" + saved + "): " + hex;
  }

  private static String save(String name, byte[] input) {
    try {
      Files.createDirectories(SAVE_DIR);
      Path file = SAVE_DIR.resolve(name + ".bin");
      Files.write(file, input);
      return ", saved in " + file;
    } catch (IOException e) {
      return ", not saved: " + e.getMessage();
    }
  }
}
