package org.jheartbeat.cli;

import java.util.concurrent.Callable;
import org.jheartbeat.config.DirectiveReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code jheartbeat directives}: the ha.cf reference, as Markdown, from the directive table. */
@Command(name = "directives",
    header = "Print the ha.cf reference: every directive, default, unit.", mixinStandardHelpOptions = true,
    description = {"Print every ha.cf directive with its default, unit and whether jheartbeat acts on it "
        + "(Markdown): the directives of Heartbeat's ha.cf(5), from the table the parser uses. Exit status: 0."})
public final class DirectivesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(DirectiveReference.markdown());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
