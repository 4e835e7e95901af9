package org.jheartbeat.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the multi-call program in-process, capturing its output and exit status. */
record CliRun(int exitCode, String out, String err) {
  static CliRun of(String argv0, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int rc = Main.run(argv0, args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(rc, out.toString(), err.toString());
  }
}
