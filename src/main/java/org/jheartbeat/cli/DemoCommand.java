package org.jheartbeat.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.jheartbeat.demo.DemoSettings;
import org.jheartbeat.demo.LoopbackDemo;
import org.jheartbeat.demo.NetnsDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jheartbeat demo}: a local two-node cluster showing a failover, then cleaned away. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    header = "Run a two-node cluster locally and show a failover (no root needed).",
    description = {
      "Starts two real daemons on loopback (demo1 127.0.0.11, demo2 127.0.0.12)",
      "whose resource is the built-in web server jhbweb::127.0.0.100::8099,",
      "polls it as a client, crashes the active node (kill -9), shows the",
      "takeover and the client's outage, restarts the node, moves the service",
      "back with hb_standby, prints a summary and removes everything it made",
      "(also on Ctrl-C). About 20 seconds with --no-pause.",
      "--netns (root): the same in network namespaces jhb-demo-*, with a real",
      "floating address (built-in IPaddr) and lighttpd run by an LSB script."
    })
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--no-pause", description = "Do not wait for Enter between steps (default: wait when stdin is a terminal).")
  boolean noPause;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "300",
      description = "Bound on the whole run; the demo stops and cleans up after it (default: ${DEFAULT-VALUE}).")
  long durationSeconds;

  @Option(names = "--keep-logs", description = "Keep the temporary directory with the configurations and logs.")
  boolean keepLogs;

  @Option(names = "--netns", description = "Root only: run the nodes in network namespaces with a real floating address and lighttpd.")
  boolean netns;

  @Option(names = "--client", hidden = true, paramLabel = "ADDRESS:PORT",
      description = "Internal (--netns): be the client in its namespace, one line per request.")
  String client;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (client != null) {
      return NetnsDemo.client(client, durationSeconds, out);
    }
    DemoSettings settings = new DemoSettings(!noPause && isTerminal(0), durationSeconds, keepLogs, isTerminal(1), out,
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    return netns ? new NetnsDemo(settings).run() : new LoopbackDemo(settings).run();
  }

  /** Whether file descriptor 0 or 1 of this process is a terminal ({@code test -t}, which the JDK lacks). */
  private static boolean isTerminal(int fd) {
    try {
      ProcessBuilder test = new ProcessBuilder("sh", "-c", "test -t " + fd);
      if (fd == 0) {
        test.redirectInput(ProcessBuilder.Redirect.INHERIT);
      } else {
        test.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      }
      Process p = test.start();
      return p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (java.io.IOException e) {
      return System.console() != null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
