package org.jheartbeat.resources;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.config.ScriptLocation;
import org.jheartbeat.config.ScriptLookup;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real {@link MonitorProbe}: {@code <script> [args…] status} with the monitor's time limit
 * (process-tree kill beyond it), judged by where the script was found:
 *
 * <ul>
 *   <li>{@code resource.d}: Heartbeat's status rule ({@link StatusText}, stdout only) — the rule the
 *       daemon uses for every takegroup. OCF agents run through their {@code resource.d} wrappers,
 *       which translate {@code status} into the agent's OCF {@code monitor} and print the
 *       answer, so they are judged here too.</li>
 *   <li>init.d: the LSB exit status of {@code status} (LSB Core, Init Script Actions): 0 running;
 *       1, 2, 3 not running (dead with a pid file, dead with a lock file, stopped); anything
 *       else (4 unknown, ...) an error.</li>
 *   <li>built-in resources ({@code IPaddr} without a script or with {@code --builtin-ipaddr},
 *       {@code jhbweb}): the agent's own status.</li>
 * </ul>
 *
 * A run that times out (a built-in agent's status too) or cannot start is an error, and so is a
 * script gone since its agent was made; a resource with no script at all answers as its agent
 * does (not running). Results are handed to the callback through {@code callbacks} (the event
 * loop's post).
 */
public final class ScriptProbe implements MonitorProbe {
  private static final Logger log = LoggerFactory.getLogger(ScriptProbe.class);
  /** LSB status exit codes meaning "not running" (LSB Core, Init Script Actions). */
  private static final List<Integer> LSB_NOT_RUNNING = List.of(1, 2, 3);

  private final ScriptLookup lookup;
  private final ProcessRunner runner;
  private final Function<ResourceSpec, ResourceAgent> agents;
  private final Executor callbacks;
  private final Map<String, String> env;

  /**
   * @param agents the agent of a resource as group actions run it ({@link GroupRunner#agentFor}):
   *     it decides whether a resource is a script or built in
   */
  public ScriptProbe(ScriptLookup lookup, ProcessRunner runner, Function<ResourceSpec, ResourceAgent> agents,
      Executor callbacks, Map<String, String> env) {
    this.lookup = lookup;
    this.runner = runner;
    this.agents = agents;
    this.callbacks = callbacks;
    this.env = Map.copyOf(env);
  }

  @Override
  public void check(ResourceSpec resource, Duration timeout, Consumer<Result> done) {
    CompletableFuture<Result> f;
    try {
      f = run(resource, timeout);
    } catch (RuntimeException e) {
      f = CompletableFuture.completedFuture(new Result(Verdict.ERROR, -1, "could not run: " + e));
    }
    f.exceptionally(e -> new Result(Verdict.ERROR, -1, "could not run: " + e)).thenAccept(r -> {
      try {
        callbacks.execute(() -> done.accept(r));
      } catch (RejectedExecutionException e) {
        log.debug("monitor result of {} dropped (event loop stopped)", resource.text());
      }
    });
  }

  private CompletableFuture<Result> run(ResourceSpec resource, Duration timeout) {
    ResourceAgent agent = agents.apply(resource);
    if (!(agent instanceof ScriptAgent)) {
      // A copy, so that completing it on time-out leaves the agent's own future alone.
      return agent.run(AgentOperation.STATUS).thenApply(r -> switch (r) {
        case RUNNING -> new Result(Verdict.RUNNING, 0, "running");
        case STOPPED -> new Result(Verdict.NOT_RUNNING, -1, "stopped");
        default -> new Result(Verdict.ERROR, -1, r.name().toLowerCase(java.util.Locale.ROOT));
      }).completeOnTimeout(new Result(Verdict.ERROR, -1, "timed out after " + timeout.toMillis() + " ms"),
          timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    // Looked up again for its kind, which decides how the answer is judged; the file may have gone
    // since the agent was made (a package upgrade replacing it).
    ScriptLocation where = lookup.locate(resource.script());
    if (where.path().isEmpty()) {
      return CompletableFuture.completedFuture(new Result(Verdict.ERROR, -1, "script " + resource.script()
          + " not found in " + lookup.resourceDir() + " or " + lookup.initDir()));
    }
    Path script = where.path().get();
    List<String> argv = new ArrayList<>();
    argv.add(script.toString());
    argv.addAll(resource.args());
    argv.add(AgentOperation.STATUS.word());
    log.debug("Monitoring {}: {}", resource.text(), String.join(" ", argv));
    return runner.run(ProcessRequest.of(timeout, argv).withEnv(env))
        .thenApply(r -> judge(where.kind(), r, timeout));
  }

  private static Result judge(ScriptLocation.Kind kind, ProcessResult r, Duration timeout) {
    String output = ScriptAgent.oneLine(r);
    if (r.timedOut()) {
      return new Result(Verdict.ERROR, -1, "timed out after " + timeout.toMillis() + " ms; " + output);
    }
    if (r.exitCode() == ProcessResult.EXIT_NOT_FOUND || r.exitCode() == ProcessResult.EXIT_CANNOT_EXECUTE) {
      return new Result(Verdict.ERROR, r.exitCode(), output);
    }
    if (kind == ScriptLocation.Kind.RESOURCE_D) {
      return new Result(StatusText.saysRunning(r.stdout()) ? Verdict.RUNNING : Verdict.NOT_RUNNING, r.exitCode(),
          output);
    }
    Verdict v = r.exitCode() == 0 ? Verdict.RUNNING
        : LSB_NOT_RUNNING.contains(r.exitCode()) ? Verdict.NOT_RUNNING : Verdict.ERROR;
    return new Result(v, r.exitCode(), output);
  }
}
