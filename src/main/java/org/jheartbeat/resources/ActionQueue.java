package org.jheartbeat.resources;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.runtime.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs group actions strictly one at a time, as Heartbeat's resource children never overlap
 * (spec membership §5.1). Work comes as <em>jobs</em>: a list of start/stop operations and a
 * continuation run once the last finished. A start of a group already running here is skipped
 * (takegroup of a running group does nothing); a stop is always run (givegroup of a stopped group
 * succeeds). A failed start marks the group {@code failed}, stops it at once (the whole group, as
 * ResourceManager does) and reports the group to {@code onStartFailure}. A restart (resource
 * monitoring) of a running group stops its resources from the failed one to the end, right to
 * left, and starts them again left to right, as Pacemaker restarts a group member and everything
 * after it; the group goes {@code running -> starting -> running}, or, when a start fails, the
 * resources before the failed one are stopped too and it goes to {@code failed} (not reported to
 * {@code onStartFailure}: the monitor decides what follows). Each group's state
 * change is logged once as {@code old -> new (reason)}.
 */
final class ActionQueue {
  private static final Logger log = LoggerFactory.getLogger(ActionQueue.class);

  enum Kind { START, STOP, RESTART }

  /** {@code from}: with RESTART, the position of the first resource restarted (the rest follow it). */
  record Op(Kind kind, ResourceGroup group, String reason, int from) {
    Op(Kind kind, ResourceGroup group, String reason) {
      this(kind, group, reason, 0);
    }
  }

  private record Job(ArrayDeque<Op> ops, Runnable then) {}

  /** Mutable per-group record, owned by the loop. */
  static final class Entry {
    final ResourceGroup group;
    GroupState state = GroupState.STOPPED;
    long changedMillis;
    String reason = "";

    Entry(ResourceGroup group) {
      this.group = group;
    }
  }

  private final GroupActions actions;
  private final Clock clock;
  private final Consumer<ResourceGroup> onStartFailure;
  private final GroupListener listener;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final ArrayDeque<Job> jobs = new ArrayDeque<>();
  private final ArrayDeque<Runnable> idleWaiters = new ArrayDeque<>();
  private Job current;
  private boolean running;
  private boolean pumping;
  private int generation;

  ActionQueue(List<ResourceGroup> groups, GroupActions actions, Clock clock,
      Consumer<ResourceGroup> onStartFailure, GroupListener listener) {
    this.listener = listener;
    this.actions = actions;
    this.clock = clock;
    this.onStartFailure = onStartFailure;
    groups.forEach(g -> entries.put(g.key(), new Entry(g)));
  }

  Map<String, Entry> entries() {
    return entries;
  }

  boolean isRunningHere(ResourceGroup g) {
    GroupState s = entries.get(g.key()).state;
    return s == GroupState.RUNNING || s == GroupState.STARTING;
  }

  /** An action is running or queued. */
  boolean busy() {
    return running || current != null || !jobs.isEmpty();
  }

  void submit(List<Op> ops, Runnable then) {
    jobs.add(new Job(new ArrayDeque<>(ops), then));
    pump();
  }

  /** Runs {@code r} as soon as nothing is running or queued (at once if idle). */
  void whenIdle(Runnable r) {
    idleWaiters.add(r);
    pump();
  }

  /** Drops the jobs not yet begun (the current action still finishes); used at shutdown. */
  void discardQueued() {
    jobs.clear();
    if (current != null) {
      current.ops().clear();
      current = new Job(current.ops(), () -> {});
    }
  }

  private void pump() {
    if (pumping) {
      return;
    }
    pumping = true;
    try {
      while (!running) {
        if (current == null) {
          if (jobs.isEmpty()) {
            if (idleWaiters.isEmpty()) {
              return;
            }
            idleWaiters.poll().run();
            continue;
          }
          current = jobs.poll();
        }
        Op op = current.ops().poll();
        if (op == null) {
          Runnable then = current.then();
          current = null;
          then.run();
          continue;
        }
        runOp(op);
      }
    } finally {
      pumping = false;
    }
  }

  private void runOp(Op op) {
    Entry e = entries.get(op.group().key());
    int gen = ++generation;
    if (op.kind() == Kind.START) {
      if (e.state == GroupState.RUNNING) {
        return;
      }
      running = true;
      transition(e, GroupState.STARTING, op.reason());
      actions.start(e.group, outcome -> finished(gen, () -> {
        if (outcome.ok()) {
          transition(e, GroupState.RUNNING, op.reason());
        } else {
          // GroupActions has already logged the CRIT line naming the failed resource and
          // stopped the whole group (Heartbeat's takegroup gives the group up itself).
          transition(e, GroupState.FAILED, "start failed" + detail(outcome));
          onStartFailure.accept(e.group);
        }
      }));
    } else if (op.kind() == Kind.RESTART) {
      if (e.state != GroupState.RUNNING) {
        return; // stopped or moved since the restart was asked for
      }
      running = true;
      transition(e, GroupState.STARTING, op.reason());
      ResourceGroup tail = new ResourceGroup(e.group.preferredNode(),
          e.group.resources().subList(op.from(), e.group.resources().size()), e.group.line());
      actions.stop(tail, stopped -> {
        if (!stopped.ok()) {
          finished(gen, () -> transition(e, GroupState.FAILED, "restart: stop failed" + detail(stopped)));
          return;
        }
        actions.start(tail, started -> {
          if (started.ok()) {
            finished(gen, () -> transition(e, GroupState.RUNNING, op.reason()));
            return;
          }
          // The failed start gave up the tail; the resources before it go too, so that a
          // failed group has nothing running here, as after a failed start.
          ResourceGroup head = new ResourceGroup(e.group.preferredNode(),
              e.group.resources().subList(0, op.from()), e.group.line());
          Consumer<GroupActions.GroupOutcome> failed = headStopped -> finished(gen, () -> transition(e,
              GroupState.FAILED, "restart failed" + detail(started)
                  + (headStopped.ok() ? "" : "; stop failed" + detail(headStopped))));
          if (head.resources().isEmpty()) {
            failed.accept(GroupActions.GroupOutcome.success());
          } else {
            actions.stop(head, failed);
          }
        });
      });
    } else {
      running = true;
      transition(e, GroupState.STOPPING, op.reason());
      actions.stop(e.group, outcome -> finished(gen, () -> {
        if (outcome.ok()) {
          transition(e, GroupState.STOPPED, op.reason());
        } else {
          transition(e, GroupState.FAILED, "stop failed" + detail(outcome));
        }
      }));
    }
  }

  private static String detail(GroupActions.GroupOutcome o) {
    return o.detail().isEmpty() ? "" : ": " + o.detail();
  }

  private void finished(int gen, Runnable r) {
    if (gen != generation || !running) {
      log.debug("ignoring a late group action result");
      return;
    }
    running = false;
    r.run();
    pump();
  }

  private void transition(Entry e, GroupState to, String reason) {
    if (e.state == to) {
      return;
    }
    log.info("Resource group {}: {} -> {} ({})", e.group.key(), e.state.text(), to.text(), reason);
    GroupState from = e.state;
    e.state = to;
    e.changedMillis = clock.wallMillis();
    e.reason = reason;
    listener.groupStateChanged(e.group.key(), from, to, reason);
  }
}
