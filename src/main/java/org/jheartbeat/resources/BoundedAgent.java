package org.jheartbeat.resources;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.jheartbeat.runtime.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds every run of an agent, whatever the agent does: the process runner kills a script at
 * its time limit, but a run that still does not end (a process stuck in the kernel that no
 * signal reaches, a built-in agent waiting on something that never answers) would otherwise
 * hold its group, and every action queued behind it, forever. {@value #GRACE_SECONDS} s after
 * the operation's limit the run counts as {@link AgentResult#TIMED_OUT}, logged as {@code
 * ERROR: Resource X: start did not end N ms after its limit of M ms; counted as timed out}; an
 * answer that comes later is ignored.
 */
final class BoundedAgent implements ResourceAgent {
  static final int GRACE_SECONDS = 5;
  private static final Logger log = LoggerFactory.getLogger(BoundedAgent.class);

  private final ResourceAgent agent;
  private final AgentTimeouts timeouts;
  private final Scheduler scheduler;

  BoundedAgent(ResourceAgent agent, AgentTimeouts timeouts, Scheduler scheduler) {
    this.agent = agent;
    this.timeouts = timeouts;
    this.scheduler = scheduler;
  }

  @Override
  public String name() {
    return agent.name();
  }

  @Override
  public CompletableFuture<AgentResult> run(AgentOperation operation) {
    CompletableFuture<AgentResult> bounded = new CompletableFuture<>();
    Duration limit = timeouts.of(operation);
    Duration grace = Duration.ofSeconds(GRACE_SECONDS);
    Scheduler.Cancellable guard;
    try {
      guard = scheduler.schedule(limit.plus(grace), () -> {
        if (bounded.complete(AgentResult.TIMED_OUT)) {
          log.error("Resource {}: {} did not end {} ms after its limit of {} ms; counted as timed out",
              name(), operation.word(), grace.toMillis(), limit.toMillis());
        }
      });
    } catch (RejectedExecutionException e) {
      guard = () -> { }; // the loop is stopping: nothing will wait for this run
    }
    Scheduler.Cancellable g = guard;
    agent.run(operation).whenComplete((result, error) -> {
      g.cancel();
      if (error != null) {
        bounded.completeExceptionally(error);
      } else {
        bounded.complete(result);
      }
    });
    return bounded;
  }
}
