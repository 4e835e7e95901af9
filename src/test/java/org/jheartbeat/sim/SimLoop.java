package org.jheartbeat.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.testkit.ManualScheduler;
import org.slf4j.MDC;

/**
 * One simulated daemon's event loop on the world's {@link ManualScheduler}: posts and timers run
 * in due order with MDC {@code node} set. {@link #pause} stops it the way a stalled JVM stops:
 * nothing runs, everything that falls due waits, and at {@link #resume} it all runs at once, in
 * due order, late. {@link #kill} ends this incarnation (its pending work is dropped and later
 * posts are refused, as by a stopped loop). A task that throws is the "exception escaped the
 * loop" violation: it is reported to {@code escaped} and the loop carries on, as EventLoop does.
 */
final class SimLoop implements Scheduler, Executor {
  interface Escapes {
    void escaped(String node, Throwable t);
  }

  private final ManualScheduler scheduler;
  private final String node;
  private final Escapes escapes;
  private final List<Runnable> held = new ArrayList<>();
  private boolean paused;
  private boolean dead;
  private long runningDueNanos;

  SimLoop(ManualScheduler scheduler, String node, Escapes escapes) {
    this.scheduler = scheduler;
    this.node = node;
    this.escapes = escapes;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (dead) {
      throw new RejectedExecutionException("event loop of " + node + " is stopped");
    }
    boolean[] cancelled = new boolean[1];
    Cancellable c = scheduler.schedule(delay, () -> due(task, cancelled));
    return () -> {
      cancelled[0] = true;
      c.cancel();
    };
  }

  @Override
  public void execute(Runnable task) {
    schedule(Duration.ZERO, task);
  }

  /** When the task now running fell due (its post or timer time): earlier than now after a pause. */
  long runningDueNanos() {
    return runningDueNanos;
  }

  boolean paused() {
    return paused;
  }

  boolean dead() {
    return dead;
  }

  void pause() {
    paused = true;
  }

  /** Runs everything that fell due during the pause, in due order, now. */
  void resume() {
    paused = false;
    List<Runnable> late = new ArrayList<>(held);
    held.clear();
    late.forEach(this::run);
  }

  void kill() {
    dead = true;
    held.clear();
  }

  /** Runs {@code r} as this node (MDC), outside the loop: for the harness's own calls. */
  void asNode(Runnable r) {
    run(r);
  }

  private void due(Runnable task, boolean[] cancelled) {
    if (dead || cancelled[0]) {
      return;
    }
    long dueAt = scheduler.clock().nanoTime();
    if (paused) {
      held.add(() -> {
        if (!cancelled[0] && !dead) {
          runningDueNanos = dueAt;
          task.run();
        }
      });
      return;
    }
    runningDueNanos = dueAt;
    run(task);
  }

  private void run(Runnable task) {
    as(node, () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        escapes.escaped(node, e);
      }
    });
  }

  /** Runs {@code r} with MDC {@code node} set, so that captured log lines name the node. */
  static void as(String node, Runnable r) {
    String old = MDC.get("node");
    MDC.put("node", node);
    try {
      r.run();
    } finally {
      if (old == null) {
        MDC.remove("node");
      } else {
        MDC.put("node", old);
      }
    }
  }
}
