package org.jheartbeat.testkit;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.jheartbeat.runtime.Scheduler;

/**
 * A deterministic {@link Scheduler} over a {@link ManualClock}: {@link #advance} runs every task
 * that falls due, in due-time order and by insertion order on ties, moving the clock to each
 * task's due time first; tasks may schedule further tasks, which run in the same advance when
 * they fall due within it.
 */
public final class ManualScheduler implements Scheduler {
  private final ManualClock clock;
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(Comparator.comparingLong(Task::due).thenComparingLong(Task::order));
  private long nextOrder;

  public ManualScheduler(ManualClock clock) {
    this.clock = clock;
  }

  public ManualClock clock() {
    return clock;
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Task t = new Task(clock.nanoTime() + Math.max(0, delay.toNanos()), nextOrder++, task);
    queue.add(t);
    return () -> queue.remove(t);
  }

  /** Runs due tasks while advancing the clock by {@code d}. */
  public void advance(Duration d) {
    long target = clock.nanoTime() + d.toNanos();
    while (!queue.isEmpty() && queue.peek().due() <= target) {
      Task t = queue.poll();
      clock.setNanos(t.due());
      t.task().run();
    }
    clock.setNanos(target);
  }

  /** Runs the tasks already due, without moving the clock. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  public int pending() {
    return queue.size();
  }

  private record Task(long due, long order, Runnable task) {}
}
