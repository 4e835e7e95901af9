package org.jheartbeat.resources;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps an agent to time every run and count the failed ones: {@code heartbeat.agent.duration}
 * (tags {@code agent} = the script, {@code operation}, {@code result}) and {@code
 * heartbeat.agent.failures} for a run that {@link AgentResult#FAILED}, was {@link
 * AgentResult#NOT_INSTALLED} or {@link AgentResult#TIMED_OUT} — each of these is also logged by
 * the agent. Time comes from the registry's clock, so tests can use a mock one.
 */
final class TimedAgent implements ResourceAgent {
  private final ResourceAgent agent;
  private final String script;
  private final MeterRegistry registry;

  TimedAgent(ResourceAgent agent, String script, MeterRegistry registry) {
    this.agent = agent;
    this.script = script;
    this.registry = registry;
  }

  @Override
  public String name() {
    return agent.name();
  }

  @Override
  public CompletableFuture<AgentResult> run(AgentOperation operation) {
    Timer.Sample sample = Timer.start(registry);
    return agent.run(operation).whenComplete((result, error) -> {
      String outcome = error != null ? "error" : result.name().toLowerCase(java.util.Locale.ROOT);
      String op = operation.name().toLowerCase(java.util.Locale.ROOT);
      sample.stop(Timer.builder("heartbeat.agent.duration").description("resource agent runs")
          .tags("agent", script, "operation", op, "result", outcome).register(registry));
      if (error != null || result == AgentResult.FAILED || result == AgentResult.NOT_INSTALLED
          || result == AgentResult.TIMED_OUT) {
        Counter.builder("heartbeat.agent.failures").description("resource agent runs that failed or timed out")
            .tags("agent", script, "operation", op, "result", outcome).register(registry).increment();
      }
    });
  }
}
