package org.jheartbeat.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.api.ControlClient;
import org.jheartbeat.api.ControlSocket;
import org.jheartbeat.api.StatusJson;
import org.jheartbeat.api.StatusReport;
import org.jheartbeat.config.ConfigLoader;
import org.jheartbeat.config.ConfigReport;
import org.jheartbeat.daemon.PidFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jheartbeat start|stop|status|reload}: what {@code /etc/init.d/heartbeat} does, with its
 * messages and LSB exit statuses. start returns once the daemon runs and answers on its control
 * socket; stop returns once the daemon has released everything and exited, within a bound.
 */
final class ServiceCommands {
  /** LSB init-script exit statuses. */
  static final int LSB_GENERIC_ERROR = 1;
  static final int LSB_NOT_CONFIGURED = 6;
  static final int LSB_STATUS_STOPPED = 3;

  private ServiceCommands() {}

  static String failure(int rc) {
    return " Heartbeat failure [rc=" + rc + "]. Failed.";
  }

  @Command(name = "start", mixinStandardHelpOptions = true,
      header = "Start the daemon in the background (init script start).",
      description = {"Start the daemon in the background, as '/etc/init.d/heartbeat start'.",
          "Checks the configuration first (exit 6 when it is invalid), then waits until the daemon",
          "answers on its control socket.",
          "Exit status: 0 started (or already running), 6 invalid configuration, 1 no answer "
              + "within --wait, otherwise the status the daemon exited with. The daemon's console "
              + "output goes to RUN_DIR/jheartbeat.out. Under systemd use 'systemctl start jheartbeat'."})
  static final class Start implements Callable<Integer> {
    @Mixin NodeOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--builtin-ipaddr", description = "Passed to the daemon: see 'jheartbeat daemon --help'.")
    boolean builtinIpaddr;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "60",
        description = "How long to wait for the daemon to answer (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.print("Starting High-Availability services: ");
      OptionalLong running = PidFile.running(options.runDir);
      if (running.isPresent()) {
        out.println("Done.");
        out.println("heartbeat is already running (pid " + running.getAsLong() + ")");
        return 0;
      }
      ConfigReport report = ConfigLoader.load(options.configPaths(), options.nodeName());
      if (!report.valid()) {
        out.println(failure(LSB_NOT_CONFIGURED));
        report.errors().forEach(p -> out.println(p.format()));
        out.println("Configuration error, heartbeat not started.");
        return LSB_NOT_CONFIGURED;
      }
      Files.createDirectories(options.runDir);
      Path console = options.runDir.resolve("jheartbeat.out");
      Process daemon = new ProcessBuilder(daemonCommand())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
          .redirectErrorStream(true)
          .start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
      while (System.nanoTime() < deadline) {
        if (answers(options.runDir)) {
          out.println("Done.");
          return 0;
        }
        if (daemon.waitFor(200, TimeUnit.MILLISECONDS)) {
          out.println(failure(daemon.exitValue()));
          out.println(tail(console));
          return daemon.exitValue();
        }
      }
      out.println(failure(LSB_GENERIC_ERROR));
      out.println("the daemon (pid " + daemon.pid() + ") did not answer within " + waitSeconds + " s; see " + console);
      return LSB_GENERIC_ERROR;
    }

    /** The same JVM and class path, in a new session so that the terminal's signals miss it. */
    private List<String> daemonCommand() {
      List<String> cmd = new ArrayList<>();
      cmd.add("setsid");
      cmd.add(ProcessHandle.current().info().command().orElse("java"));
      ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(a -> !a.startsWith("-D" + Main.ARGV0_PROPERTY))
          .forEach(cmd::add);
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Main.class.getName());
      cmd.add("daemon");
      cmd.addAll(options.asArguments());
      if (builtinIpaddr) {
        cmd.add("--builtin-ipaddr");
      }
      return cmd;
    }
  }

  @Command(name = "stop", mixinStandardHelpOptions = true,
      header = "Stop the daemon gracefully and wait for it (init script stop).",
      description = {"Stop the daemon gracefully, as '/etc/init.d/heartbeat stop': it gives up its",
          "resources, tells the other nodes, and exits. Returns once it has exited.",
          "It sends SIGTERM to the pid in RUN_DIR/heartbeat.pid. Giving resources up runs every "
              + "agent's stop, so make --timeout longer than the agents' stop timeouts, as for "
              + "Heartbeat's long release.",
          "Exit status: 0 stopped (or not running), 1 still running after --timeout (the daemon "
              + "goes on releasing). Under systemd use 'systemctl stop jheartbeat'."})
  static final class Stop implements Callable<Integer> {
    @Mixin RunDirOption run;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
        description = "How long to wait for resources to be released and the daemon to exit (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.print("Stopping High-Availability services: ");
      OptionalLong pid = PidFile.running(run.dir);
      if (pid.isEmpty()) {
        out.println("Done.");
        out.println("heartbeat is not running");
        return 0;
      }
      ProcessHandle daemon = ProcessHandle.of(pid.getAsLong()).orElse(null);
      if (daemon == null) {
        out.println("Done.");
        return 0;
      }
      daemon.destroy();
      try {
        daemon.onExit().get(timeoutSeconds, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        out.println(failure(LSB_GENERIC_ERROR));
        out.println("pid " + pid.getAsLong() + " did not exit within " + timeoutSeconds + " s");
        return LSB_GENERIC_ERROR;
      }
      out.println("Done.");
      return 0;
    }
  }

  @Command(name = "status", mixinStandardHelpOptions = true,
      header = "Say whether the daemon runs (heartbeat -s), with nodes and resource groups.",
      description = {"Say whether the daemon runs, as 'heartbeat -s' (exit 0 running, 3 stopped),",
          "then show the nodes with their links and the resource groups with their owner.",
          "--json prints the same as JSON (for scripts and monitoring).",
          "Exit status: 0 running, 3 stopped (LSB), 1 running but not answering (--json)."})
  static final class Status implements Callable<Integer> {
    @Mixin NodeOptions options;
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the status as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      OptionalLong pid = PidFile.running(options.runDir);
      if (pid.isEmpty()) {
        out.println(json ? "{\"status\":\"stopped\"}" : "heartbeat is stopped. No process");
        return LSB_STATUS_STOPPED;
      }
      Optional<StatusReport> report = new ControlClient(ControlSocket.in(options.runDir), ControlClient.DEFAULT_TIMEOUT)
          .request("status", List.of()).reply()
          .flatMap(r -> r.lines().stream().filter(l -> !l.error()).findFirst())
          .map(l -> parse(l.text()));
      if (json) {
        out.println(report.map(StatusJson::pretty).orElse("{\"status\":\"not answering\"}"));
        return report.isPresent() ? 0 : LSB_GENERIC_ERROR;
      }
      String node = report.map(StatusReport::node).orElseGet(options::nodeName);
      out.println("heartbeat OK [pid " + pid.getAsLong() + " et al] is running on " + node + " [" + node + "]...");
      report.ifPresent(r -> out.print(StatusTable.render(r)));
      out.flush();
      return 0;
    }

    private static StatusReport parse(String json) {
      try {
        return StatusJson.read(json);
      } catch (java.io.IOException e) {
        throw new IllegalStateException("unreadable status from the daemon: " + e.getMessage(), e);
      }
    }
  }

  @Command(name = "reload", mixinStandardHelpOptions = true,
      header = "Re-read the configuration (SIGHUP, init script reload).",
      description = {"Make the daemon re-read its configuration (SIGHUP), keeping its resources,",
          "as '/etc/init.d/heartbeat reload'.",
          "New authkeys apply at once; a changed ha.cf restarts messaging in place (a new "
              + "generation). The daemon logs what it re-read.",
          "Exit status: 0 signal sent, 7 not running (LSB), 1 the signal could not be sent. "
              + "Under systemd use 'systemctl reload jheartbeat' (the same SIGHUP)."})
  static final class Reload implements Callable<Integer> {
    @Mixin RunDirOption run;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      out.print("Reloading High-Availability services: ");
      OptionalLong pid = PidFile.running(run.dir);
      if (pid.isEmpty()) {
        out.println(failure(7));
        out.println("heartbeat is not running");
        return 7;
      }
      Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid.getAsLong())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        out.println(failure(LSB_GENERIC_ERROR));
        return LSB_GENERIC_ERROR;
      }
      out.println("Done.");
      return 0;
    }
  }

  static boolean answers(Path runDir) {
    return new ControlClient(ControlSocket.in(runDir), Duration.ofSeconds(2))
        .request("cl_status", List.of("hbstatus")).reply().isPresent();
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no output in " + file + ")";
    }
  }
}
