package org.jheartbeat.resources;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.platform.ProcessRequest;
import org.jheartbeat.platform.ProcessResult;
import org.jheartbeat.platform.ProcessRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resource run through its script, as Heartbeat's ResourceManager does: {@code <script>
 * [args…] start|stop|status}, found in {@code resource.d} or init.d (OCF agents are reached
 * through their {@code resource.d} wrappers, so nothing here is OCF-specific). Start and stop
 * succeed on exit 0; status is judged by {@link StatusText} on stdout alone. Each run has its
 * operation's time limit from {@link AgentTimeouts}. Logging: start/stop
 * {@code info: Running <script> <args> <op>} (status at debug), the output lines at debug with
 * the resource name when the run succeeds, and on failure one
 * {@code ERROR: Resource script for <res> <op> failed: exit N: <output>} line.
 */
public final class ScriptAgent implements ResourceAgent {
  private static final Logger log = LoggerFactory.getLogger(ScriptAgent.class);

  private final ResourceSpec spec;
  private final Path script;
  private final ProcessRunner runner;
  private final AgentTimeouts timeouts;
  private final Map<String, String> env;

  public ScriptAgent(ResourceSpec spec, Path script, ProcessRunner runner, AgentTimeouts timeouts) {
    this(spec, script, runner, timeouts, Map.of());
  }

  /** As above, with environment additions for the script (e.g. {@code HA_DIR}, {@code OCF_ROOT}). */
  public ScriptAgent(ResourceSpec spec, Path script, ProcessRunner runner, AgentTimeouts timeouts,
      Map<String, String> env) {
    this.spec = spec;
    this.script = script;
    this.runner = runner;
    this.timeouts = timeouts;
    this.env = Map.copyOf(env);
  }

  @Override
  public String name() {
    return spec.text();
  }

  @Override
  public CompletableFuture<AgentResult> run(AgentOperation op) {
    List<String> argv = new ArrayList<>();
    argv.add(script.toString());
    argv.addAll(spec.args());
    argv.add(op.word());
    // Heartbeat logs "$script $args $op": with no arguments that leaves two spaces.
    String line = "Running " + script + " " + String.join(" ", spec.args()) + " " + op.word();
    if (op == AgentOperation.STATUS) {
      log.debug(line);
    } else {
      log.info(line);
    }
    ProcessRequest request = ProcessRequest.of(timeouts.of(op), argv).withEnv(env);
    return runner.run(request)
        .thenApply(r -> judge(op, r))
        .exceptionally(e -> {
          log.error("Resource script for {} {} could not run: {}", name(), op.word(), e.toString());
          return op == AgentOperation.STATUS ? AgentResult.STOPPED : AgentResult.FAILED;
        });
  }

  private AgentResult judge(AgentOperation op, ProcessResult r) {
    if (r.timedOut()) {
      log.error("Resource script for {} {} timed out after {} ms (limit {} ms); process group killed",
          name(), op.word(), r.duration().toMillis(), timeouts.of(op).toMillis());
      logOutput(r);
      return AgentResult.TIMED_OUT;
    }
    if (op == AgentOperation.STATUS) {
      boolean running = StatusText.saysRunning(r.stdout());
      logOutput(r);
      log.debug("{}: status {} (exit {})", name(), running ? "running" : "stopped", r.exitCode());
      return running ? AgentResult.RUNNING : AgentResult.STOPPED;
    }
    AgentResult result = AgentResult.ofExitCode(r.exitCode());
    if (result.ok()) {
      logOutput(r);
    } else {
      log.error("Resource script for {} {} failed: exit {}: {}", name(), op.word(), r.exitCode(), oneLine(r));
    }
    return result;
  }

  private void logOutput(ProcessResult r) {
    if (!log.isDebugEnabled()) {
      return;
    }
    r.stdout().lines().filter(l -> !l.isBlank()).forEach(l -> log.debug("{}: stdout: {}", name(), l));
    r.stderr().lines().filter(l -> !l.isBlank()).forEach(l -> log.debug("{}: stderr: {}", name(), l));
  }

  /** stdout then stderr, one event per log line: physical lines joined with " | ". */
  static String oneLine(ProcessResult r) {
    List<String> lines = new ArrayList<>();
    r.stdout().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
    r.stderr().lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(lines::add);
    String text = lines.isEmpty() ? "(no output)" : String.join(" | ", lines);
    long dropped = r.stdoutDropped() + r.stderrDropped();
    return dropped > 0 ? text + " (" + dropped + " more bytes dropped)" : text;
  }
}
