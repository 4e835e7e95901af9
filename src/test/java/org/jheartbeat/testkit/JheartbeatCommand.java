package org.jheartbeat.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the launcher of the checkout under test, {@code bin/jheartbeat} under the {@code
 * jheartbeat.home} system property (the working directory without it), as an operator would:
 * a process whose stdout and stderr are kept together, killed after {@value #LIMIT_SECONDS} s.
 */
public final class JheartbeatCommand {
  static final int LIMIT_SECONDS = 90;

  /** The exit status and the output, stdout and stderr merged. */
  public record Result(int exitCode, String out) {}

  private JheartbeatCommand() {}

  /** {@code bin/jheartbeat ARGS}; the output is collected in a file in {@code scratch}. */
  public static Result run(Path scratch, List<String> args) throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("jheartbeat.home", "."));
    List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/jheartbeat").toString()));
    cmd.addAll(args);
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + cmd);
    }
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }
}
