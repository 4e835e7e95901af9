package org.jheartbeat.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jheartbeat.e2e.ClusterNode;
import org.jheartbeat.e2e.NodeKind;

/**
 * {@code bench/failover}: the tutorial topology ({@link BenchLab}) with lighttpd behind the VIP,
 * run for the real Heartbeat 3.0.6 and for jheartbeat with the same ha.cf, at the tutorial's and
 * at fast timing; crash (power-off: switch ports down, every process killed), graceful stop and
 * {@code hb_standby} of whichever node serves, {@code --runs} times each, while a
 * {@link BenchPoller} asks the VIP for its page every 10 ms. Both daemons' clusters run at once
 * and take turns, run by run. After a crash or a stop the node
 * boots again and rejoins (auto_failback off: nothing moves) before the next run, which then
 * strikes the other node. Prints one table ({@link ResultTable}) and keeps, under
 * {@code --out}, results.csv, table.md and every log.
 */
public final class FailoverBench {
  /** What strikes the serving node. */
  enum Scenario {
    CRASH, STOP, STANDBY;

    static List<Scenario> parse(String value) {
      List<Scenario> list = new ArrayList<>();
      for (String s : value.split(",")) {
        try {
          list.add(valueOf(s.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--scenario takes crash, stop and standby, comma-separated: " + value);
        }
      }
      return list;
    }

    String label() {
      return switch (this) {
        case CRASH -> "crash (links cut)";
        case STOP -> "graceful stop";
        case STANDBY -> "hb_standby";
      };
    }
  }

  record Options(int runs, List<TimingProfile> timings, List<Measurement.Daemon> daemons, List<Scenario> scenarios,
      Path out, Duration maxTime) {
    static final String USAGE = String.join("\n",
        "usage: bench/failover [--runs N] [--timing tutorial|fast|both] [--daemon real|jheartbeat|both]",
        "                      [--scenario crash,stop,standby] [--out DIR] [--max-minutes M]",
        "defaults: --runs 5 --timing both --daemon both --scenario crash,stop,standby",
        "          --out target/bench/failover --max-minutes 120");

    static Options parse(String[] args) {
      int runs = 5;
      List<TimingProfile> timings = TimingProfile.parse("both");
      List<Measurement.Daemon> daemons = List.of(Measurement.Daemon.REAL, Measurement.Daemon.JHEARTBEAT);
      List<Scenario> scenarios = List.of(Scenario.values());
      Path out = Path.of("target", "bench", "failover");
      Duration max = Duration.ofMinutes(120);
      for (Map.Entry<String, String> option : BenchArgs.pairs(args)) {
        String a = option.getKey();
        String v = option.getValue();
        switch (a) {
          case "--runs" -> runs = positive(a, v);
          case "--timing" -> timings = TimingProfile.parse(v);
          case "--daemon" -> daemons = switch (v) {
            case "real" -> List.of(Measurement.Daemon.REAL);
            case "jheartbeat" -> List.of(Measurement.Daemon.JHEARTBEAT);
            case "both" -> List.of(Measurement.Daemon.REAL, Measurement.Daemon.JHEARTBEAT);
            default -> throw new IllegalArgumentException("--daemon must be real, jheartbeat or both: " + v);
          };
          case "--scenario" -> scenarios = Scenario.parse(v);
          case "--out" -> out = Path.of(v);
          case "--max-minutes" -> max = Duration.ofMinutes(positive(a, v));
          default -> throw new IllegalArgumentException("unknown option " + a);
        }
      }
      return new Options(runs, timings, daemons, scenarios, out, max);
    }

    private static int positive(String option, String v) {
      try {
        int n = Integer.parseInt(v);
        if (n > 0) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(option + " needs a positive whole number: " + v);
    }
  }

  private static final Duration MARGIN = Duration.ofSeconds(10);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

  private final Options options;
  private final ResultTable table = new ResultTable();
  private final Path csv;
  private final Instant deadline;

  private FailoverBench(Options options) {
    this.options = options;
    this.csv = options.out().resolve("results.csv");
    this.deadline = Instant.now().plus(options.maxTime());
  }

  public static void main(String[] args) {
    Options o = BenchArgs.parseOrExit("bench/failover", Options.USAGE, args, Options::parse);
    System.exit(new FailoverBench(o).run());
  }

  private int run() {
    try {
      Files.createDirectories(options.out());
      Files.writeString(csv, Measurement.csvHeader() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int failures = 0;
    for (TimingProfile timing : options.timings()) {
      if (Instant.now().isAfter(deadline)) {
        say("time bound (--max-minutes) reached: " + timing.label() + " not run");
        failures++;
        continue;
      }
      failures += runTiming(timing);
    }
    String md = table.markdown();
    System.out.println();
    System.out.println("Failover, client polling the VIP every " + POLL_INTERVAL.toMillis() + " ms (min / median / max"
        + " of the runs, count in brackets):");
    System.out.println(md);
    try {
      Files.writeString(options.out().resolve("table.md"), md);
    } catch (IOException e) {
      System.err.println("bench/failover: cannot write table.md: " + e);
    }
    say("raw results: " + csv.toAbsolutePath());
    return failures == 0 ? 0 : 1;
  }

  /**
   * All scenarios, {@code runs} times each, at one timing: one cluster per daemon, both up at
   * once in their own namespaces, taking turns run by run, so that both see the same machine
   * load (other builds share the cores); returns the number of failed runs.
   */
  private int runTiming(TimingProfile timing) {
    List<BenchLab> labs = new ArrayList<>();
    int failures = 0;
    try {
      for (Measurement.Daemon daemon : options.daemons()) {
        Path logDir = options.out().resolve(timing.name() + "-" + daemon.name().toLowerCase(Locale.ROOT));
        say("== " + daemon.label() + ", " + timing.label() + " (logs: " + logDir + ")");
        labs.add(BenchLab.start(daemon, timing, logDir, POLL_INTERVAL, POLL_TIMEOUT));
      }
      for (Scenario scenario : options.scenarios()) {
        for (int run = 1; run <= options.runs(); run++) {
          for (BenchLab lab : List.copyOf(labs)) {
            if (Instant.now().isAfter(deadline)) {
              say("time bound (--max-minutes) reached");
              return failures + 1;
            }
            try {
              Measurement m = once(lab, timing, lab.daemon(), scenario, run);
              table.add(m);
              Files.writeString(csv, m.csv() + "\n", StandardOpenOption.APPEND);
            } catch (RuntimeException | IOException e) {
              failures++;
              say(lab.daemon().label() + ": run " + run + " of " + scenario.label() + " failed: " + e);
              if (!lab.recover()) {
                say("cannot bring the cluster back; no more runs of " + lab.daemon().label() + " at " + timing.label());
                labs.remove(lab);
                lab.close();
              }
            }
          }
        }
      }
    } catch (RuntimeException e) {
      say(timing.label() + " failed: " + e);
      e.printStackTrace();
      failures++;
    } finally {
      labs.forEach(BenchLab::close);
    }
    return failures;
  }

  private Measurement once(BenchLab lab, TimingProfile timing, Measurement.Daemon daemon, Scenario scenario,
      int run) {
    ClusterNode active = lab.serving();
    ClusterNode taker = lab.other(active);
    Duration bound = timing.deadtimeDuration().plus(MARGIN);
    Instant trigger;
    Optional<Instant> detection;
    try (LogWatch handoff = LogWatch.start(scenario == Scenario.CRASH ? taker : active,
        handoffLine(scenario, active), bound)) {
      trigger = Instant.now();
      switch (scenario) {
        case CRASH -> lab.powerOff(active);
        case STOP -> active.stop();
        case STANDBY -> active.standby("all");
        default -> throw new IllegalStateException(scenario.toString());
      }
      detection = handoff.await(bound);
    }
    if (detection.isEmpty()) {
      throw new IllegalStateException("no line /" + handoffLine(scenario, active) + "/ in the log");
    }
    ClientTimeline t = lab.awaitServed(trigger, taker, bound);
    Measurement m = new Measurement(timing.label(), scenario.label(), daemon, run, t.outageMs(),
        t.sinceMs(detection.get()));
    say(String.format(Locale.ROOT, "%-15s %-18s run %d: %s -> %s  outage %5d ms (%d failed polls)  detection->serving %5d ms",
        daemon.label(), scenario.label(), run, active.name(), taker.name(), m.outageMs(), t.failedPolls(), m.takeoverMs()));
    switch (scenario) {
      case CRASH, STOP -> lab.rejoin(active);
      case STANDBY -> lab.settle();
      default -> throw new IllegalStateException(scenario.toString());
    }
    return m;
  }

  /**
   * The log line that starts the handover: the survivor's "is dead" for a crash; on the node
   * that gives up, the first line of its shutdown, or its standby request. Both daemons write
   * these words.
   */
  static String handoffLine(Scenario scenario, ClusterNode active) {
    return switch (scenario) {
      case CRASH -> "node " + Pattern.quote(active.name()) + ": is dead";
      case STOP -> "Heartbeat shutdown in progress";
      case STANDBY -> Pattern.quote(active.name()) + " wants to go standby";
    };
  }

  static void say(String what) {
    System.out.println("[failover " + java.time.LocalTime.now().withNano(0) + "] " + what);
  }

}
