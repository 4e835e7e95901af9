package org.jheartbeat.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.api.ControlClient;

/**
 * The demo's story, the same for every topology: both nodes start and one serves; the active
 * node crashes (SIGKILL of its daemon) and the other takes over; the crashed node comes back
 * and joins holding nothing; {@code hb_standby} on the active node moves the service back. The
 * client's outage is measured for each step and summed up at the end.
 */
final class Scenario {
  /** A demo step that could not be completed. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  record Step(String what, String outcome, long outageMs, long failedRequests) {}

  private final DemoSettings settings;
  private final Terminal terminal;
  private final WebProbe probe;
  private final List<DemoNode> nodes;
  private final Topology topology;
  private final long deadlineNanos;
  private final List<Step> steps = new ArrayList<>();
  private final BlockingQueue<String> typed = new LinkedBlockingQueue<>();
  private Thread reader;
  private volatile boolean stdinClosed;

  Scenario(DemoSettings settings, Terminal terminal, WebProbe probe, List<DemoNode> nodes, Topology topology,
      long deadlineNanos) {
    this.topology = topology;
    this.settings = settings;
    this.terminal = terminal;
    this.probe = probe;
    this.nodes = nodes;
    this.deadlineNanos = deadlineNanos;
  }

  List<Step> steps() {
    return steps;
  }

  void run() throws Failed, InterruptedException, java.io.IOException {
    long t0 = System.nanoTime();
    DemoNode first = nodes.get(0);
    terminal.say("==> Step 1: start " + first.name + " (jheartbeat daemon); alone, it takes the service after initdead");
    first.start();
    terminal.say("    started " + first.name + " (pid " + first.pid() + ") on " + first.address);
    if (!first.awaitAnswering(deadline(30))) {
      throw failed(first.name + " did not start; see " + first.console() + " and " + first.log());
    }
    probe.start();
    probe.mark();
    String active = probe.awaitAnyAnswer(deadline(30))
        .orElseThrow(() -> failed("no node served " + probe.url() + " within 30 s; see the logs"));
    long served = (System.nanoTime() - t0) / 1_000_000;
    terminal.say("    " + active + " serves " + probe.url() + " (" + served + " ms after its start)");
    for (DemoNode n : nodes.subList(1, nodes.size())) {
      n.start();
      terminal.say("    started " + n.name + " (pid " + n.pid() + ") on " + n.address + "; it joins as standby");
      if (!n.awaitAnswering(deadline(30))) {
        throw failed(n.name + " did not start; see " + n.console() + " and " + n.log());
      }
    }
    steps.add(new Step("start the cluster", active + " serves after " + served + " ms", -1, 0));
    DemoNode crashed = node(active);
    DemoNode other = nodes.stream().filter(n -> n != crashed).findFirst().orElseThrow();
    awaitActive(other, crashed.name, 20);
    awaitActive(crashed, other.name, 20);
    settle(1_000);
    terminal.say("    both nodes active; " + probe.answerer().orElse("nobody") + " serves");

    pause("crash " + crashed.name);
    terminal.say("==> Step 2: crash " + crashed.name + ": " + topology.crashText(crashed));
    probe.mark();
    long killed = System.nanoTime();
    topology.crash(crashed);
    if (!probe.awaitAnswerFrom(other.name, deadline(30))) {
      throw failed(other.name + " did not take over within 30 s; see " + other.log());
    }
    long takeover = (System.nanoTime() - killed) / 1_000_000;
    terminal.say("    takeover: " + other.name + " serves " + takeover + " ms after the kill; client outage "
        + probe.stepOutageMs() + " ms (" + probe.stepFailed() + " failed requests)");
    steps.add(new Step("crash " + crashed.name, other.name + " took over", probe.stepOutageMs(),
        probe.stepFailed()));

    pause("restart " + crashed.name);
    terminal.say("==> Step 3: restart " + crashed.name + "; it rejoins holding nothing (auto_failback off)");
    probe.mark();
    topology.revive(crashed);
    crashed.start();
    terminal.say("    started " + crashed.name + " (pid " + crashed.pid() + ")");
    if (!crashed.awaitAnswering(deadline(30))) {
      throw failed(crashed.name + " did not restart; see " + crashed.console() + " and " + crashed.log());
    }
    awaitActive(other, crashed.name, 30);
    awaitActive(crashed, other.name, 30);
    long rejoined = System.nanoTime();
    terminal.say("    " + crashed.name + " is active again; " + probe.answerer().orElse("nobody") + " still serves");
    // hb_standby is refused while either side is "in flux" (Heartbeat's 10 s resource timer).
    awaitStable(crashed, 30);
    awaitStable(other, 30);
    terminal.say("    both resource managers stable " + (System.nanoTime() - rejoined) / 1_000_000
        + " ms later; client outage during the rejoin " + probe.stepOutageMs() + " ms");
    steps.add(new Step("restart " + crashed.name, crashed.name + " rejoined, " + other.name + " kept serving",
        probe.stepOutageMs(), probe.stepFailed()));

    pause("move the service back with hb_standby on " + other.name);
    terminal.say("==> Step 4: hb_standby on " + other.name + "   (bin/hb_standby --run-dir " + other.runDir() + ")");
    probe.mark();
    standby(other);
    long asked = System.nanoTime();
    if (!probe.awaitAnswerFrom(crashed.name, deadline(30))) {
      throw failed(crashed.name + " did not take the service back within 30 s; see " + crashed.log());
    }
    long moved = (System.nanoTime() - asked) / 1_000_000;
    settle(300);
    terminal.say("    " + crashed.name + " serves again " + moved + " ms after hb_standby; client outage "
        + probe.stepOutageMs() + " ms (" + probe.stepFailed() + " failed requests)");
    steps.add(new Step("hb_standby on " + other.name, crashed.name + " serves again", probe.stepOutageMs(),
        probe.stepFailed()));
    terminal.endLive();
  }

  /** hb_standby, retried while the cluster is not yet stable enough to accept it (bounded). */
  private void standby(DemoNode on) throws Failed, InterruptedException {
    String last = "";
    for (int attempt = 0; attempt < 40 && System.nanoTime() < deadlineNanos; attempt++) {
      Optional<ControlClient.Reply> reply = on.request("hb_standby", List.of("all"));
      if (reply.isPresent() && reply.get().exitCode() == 0) {
        reply.get().lines().forEach(l -> terminal.say("    hb_standby: " + l.text()));
        return;
      }
      last = reply.map(r -> r.exitCode() + " " + r.lines().stream().map(ControlClient.Line::text).toList())
          .orElse("no answer");
      Thread.sleep(250);
    }
    throw failed("hb_standby on " + on.name + " was refused: " + last);
  }

  private void awaitStable(DemoNode node, int seconds) throws Failed, InterruptedException {
    long until = deadline(seconds);
    while (System.nanoTime() < until) {
      if (node.resourceState().equals("stable")) {
        return;
      }
      Thread.sleep(100);
    }
    throw failed(node.name + "'s resource manager did not become stable; see " + node.log());
  }

  private void awaitActive(DemoNode observer, String node, int seconds) throws Failed, InterruptedException {
    long until = deadline(seconds);
    while (System.nanoTime() < until) {
      if (observer.statusOf(node).equals("active")) {
        return;
      }
      Thread.sleep(100);
    }
    throw failed(observer.name + " does not see " + node + " active; see " + observer.log());
  }

  private DemoNode node(String name) throws Failed {
    return nodes.stream().filter(n -> n.name.equals(name)).findFirst()
        .orElseThrow(() -> failed("the page names '" + name + "', which is not a demo node"));
  }

  private long deadline(int seconds) throws Failed {
    if (System.nanoTime() >= deadlineNanos) {
      throw new Failed("the demo did not finish within --duration " + settings.durationSeconds() + " s");
    }
    return Math.min(deadlineNanos, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
  }

  /** A step failed; says so when the cause is the --duration bound rather than the step's own limit. */
  private Failed failed(String message) {
    return new Failed(System.nanoTime() >= deadlineNanos
        ? "the demo did not finish within --duration " + settings.durationSeconds() + " s (" + message + ")"
        : message);
  }

  private void settle(long ms) throws InterruptedException {
    Thread.sleep(Math.max(0, Math.min(ms, (deadlineNanos - System.nanoTime()) / 1_000_000)));
  }

  private void pause(String next) throws InterruptedException, Failed {
    if (!settings.pause() || stdinClosed) {
      return;
    }
    if (reader == null) {
      reader = new Thread(() -> {
        try {
          String line;
          while ((line = settings.in().readLine()) != null) {
            typed.add(line);
          }
        } catch (java.io.IOException e) {
          // unreadable stdin: as closed
        }
        stdinClosed = true;
        typed.add("");
      }, "demo-stdin");
      reader.setDaemon(true);
      reader.start();
    }
    terminal.say("    Press Enter to " + next + " ...");
    long left = deadlineNanos - System.nanoTime();
    if (typed.poll(Math.max(0, left), TimeUnit.NANOSECONDS) == null) {
      deadline(0);
    }
  }
}
