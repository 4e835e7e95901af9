package org.jheartbeat.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Entry point of the single {@code jheartbeat} program, which also answers to Heartbeat's tool
 * names when called through them ({@code cl_status}, {@code hb_standby}, {@code hb_takeover}):
 * a multi-call binary keyed on the name it was called as. The launcher passes that name in the
 * system property {@value #ARGV0_PROPERTY}, since a JVM cannot see its own argv[0].
 */
public final class Main {
  public static final String ARGV0_PROPERTY = "jheartbeat.argv0";

  private Main() {}

  public static void main(String[] args) {
    String argv0 = System.getProperty(ARGV0_PROPERTY, "jheartbeat");
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(run(argv0, args, out, err));
  }

  /** Runs the tool named {@code argv0} (a path or a bare name) and returns its exit status. */
  public static int run(String argv0, String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandFor(Path.of(argv0).getFileName().toString());
    cli.setOut(out);
    cli.setErr(err);
    return cli.execute(args);
  }

  static CommandLine commandFor(String toolName) {
    return switch (toolName) {
      case ClStatusCommand.NAME -> ClStatusCommand.commandLine();
      case HbStandbyCommand.NAME -> new CommandLine(new HbStandbyCommand());
      case HbTakeoverCommand.NAME -> new CommandLine(new HbTakeoverCommand());
      default -> JheartbeatCommand.commandLine();
    };
  }
}
