package org.jheartbeat.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;
import org.jheartbeat.testkit.ManualScheduler;

/**
 * One simulated machine: what its resource scripts have started (it outlives the daemon, and a
 * power-off clears it) and the scripted behaviour of each resource's agent. It is the machine's
 * {@link ProcessRunner}: the production GroupRunner and ScriptAgent run {@code SimAgent ID
 * start|stop|status} through it, and it answers in virtual time as the script would: status
 * prints {@code running} or {@code not running}, start/stop exit 0 (or 1 when scripted to fail).
 * Like SystemProcessRunner, a run that exceeds its request's time limit is "killed" and reported
 * {@code timedOut}; a {@link Behaviour#STUCK} run never answers at all (a process no signal
 * reaches), which only the resource layer's own bound ends.
 */
final class SimMachine implements ProcessRunner {
  /** How a resource's agent behaves; changed by the agent faults. */
  enum Behaviour {
    /** Answers in 50–400 ms. */
    OK,
    /** start exits 1 and starts nothing. */
    FAIL_START,
    /** stop exits 1 twice, then works (GroupRunner retries stops). */
    FLAKY_STOP,
    /** start and stop take 3–4.5 s, inside their limit. */
    SLOW,
    /** start runs past its limit and is killed. */
    HANG,
    /** start never answers. */
    STUCK
  }

  private final String name;
  private final ManualScheduler scheduler;
  private final Random random;
  private final Set<String> running = new TreeSet<>();
  private final Map<String, Behaviour> behaviours = new HashMap<>();
  private final Map<String, Integer> failedStops = new HashMap<>();
  private final Map<String, Integer> stops = new HashMap<>();
  private int epoch;

  SimMachine(String name, ManualScheduler scheduler, Random random) {
    this.name = name;
    this.scheduler = scheduler;
    this.random = random;
  }

  Set<String> running() {
    return running;
  }

  /** How many times {@code resource} was stopped here (a successful stop script run). */
  int stops(String resource) {
    return stops.getOrDefault(resource, 0);
  }

  Behaviour behaviour(String resource) {
    return behaviours.getOrDefault(resource, Behaviour.OK);
  }

  void behave(String resource, Behaviour b) {
    behaviours.put(resource, b);
    failedStops.remove(resource);
  }

  /** Power off: everything started is gone and runs in progress never answer. */
  void powerOff() {
    running.clear();
    epoch++;
  }

  @Override
  public CompletableFuture<ProcessResult> run(ProcessRequest request) {
    CompletableFuture<ProcessResult> f = new CompletableFuture<>();
    String resource = request.argv().get(1);
    String op = request.argv().get(request.argv().size() - 1);
    Behaviour b = behaviour(resource);
    if (b == Behaviour.STUCK && op.equals("start")) {
      return f;
    }
    long ms = b == Behaviour.SLOW && !op.equals("status") ? 3000 + random.nextInt(1500) : 50 + random.nextInt(350);
    boolean killed = b == Behaviour.HANG && op.equals("start");
    Duration took = killed ? request.timeout() : Duration.ofMillis(ms);
    int at = epoch;
    scheduler.schedule(took, () -> {
      if (at != epoch) {
        return;
      }
      SimLoop.as(name, () -> f.complete(finish(resource, op, b, killed, took)));
    });
    return f;
  }

  private ProcessResult finish(String resource, String op, Behaviour b, boolean killed, Duration took) {
    if (killed) {
      return new ProcessResult(137, true, took, "", "", 0, 0);
    }
    int exit = 0;
    String out = "";
    switch (op) {
      case "start" -> {
        if (b == Behaviour.FAIL_START) {
          exit = 1;
        } else {
          running.add(resource);
        }
      }
      case "stop" -> {
        if (b == Behaviour.FLAKY_STOP && failedStops.merge(resource, 1, Integer::sum) <= 2) {
          exit = 1;
        } else if (running.remove(resource)) {
          stops.merge(resource, 1, Integer::sum);
        }
      }
      default -> out = running.contains(resource) ? "running" : "not running";
    }
    return new ProcessResult(exit, false, took, out, "", 0, 0);
  }
}
