package org.jheartbeat.resources;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.config.ScriptLocation;
import org.jheartbeat.config.ScriptLookup;
import org.jheartbeat.platform.ProcessRunner;
import org.jheartbeat.platform.logging.HbMarkers;
import org.jheartbeat.runtime.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GroupActions} with the semantics of Heartbeat's ResourceManager (spec membership §4.3,
 * §4.4). takegroup: {@code info: Acquiring resource group: <line>}, then left to right each
 * resource's status first (running → not started again), then its start; when a start fails,
 * {@code CRIT: Giving up resources due to failure of <res>}, the whole group is stopped right to
 * left and the outcome is a failure (what follows, hb_standby 30 s later, is the manager's
 * business). givegroup: {@code info: Releasing resource group: <line>}, then right to left each
 * stop; a failing stop is retried every {@code stopRetryInterval} up to {@code stopRetries} times
 * ({@code info: Retrying failed stop operation [<res>]}); if it still fails, status decides: still
 * running → {@code CRIT: Resource STOP failure. Reboot required!} and a failed outcome (jheartbeat
 * never reboots; the next CRIT line says so), stopped → a WARN (not LSB-compliant) and the stop
 * counts as done. status: the first resource's status. A resource runs through its script
 * (resource.d, then init.d); {@code IPaddr}/{@code IPaddr2} through {@link BuiltinIpaddr} when
 * no script exists or when {@code preferBuiltinIpaddr} is set; {@code jhbweb} always through
 * {@link BuiltinWeb}. Calls are queued and run one at a
 * time; outcomes are handed to {@code callbacks} (the daemon passes the event loop's post).
 */
public final class GroupRunner implements GroupActions {
  private static final Logger log = LoggerFactory.getLogger(GroupRunner.class);

  /** Tunables; {@link #DEFAULTS} are Heartbeat's (1 s × 10 stop retries) with start/stop 60 s, status 20 s. */
  public record Options(AgentTimeouts timeouts, boolean preferBuiltinIpaddr, Duration stopRetryInterval,
      int stopRetries, Map<String, String> scriptEnv, WebSites webSites) {
    public static final Options DEFAULTS =
        new Options(AgentTimeouts.DEFAULTS, false, Duration.ofSeconds(1), 10, Map.of(), WebSites.NONE);

    public Options {
      scriptEnv = Map.copyOf(scriptEnv);
    }

    public Options withPreferBuiltinIpaddr(boolean prefer) {
      return new Options(timeouts, prefer, stopRetryInterval, stopRetries, scriptEnv, webSites);
    }

    public Options withTimeouts(AgentTimeouts t) {
      return new Options(t, preferBuiltinIpaddr, stopRetryInterval, stopRetries, scriptEnv, webSites);
    }

    public Options withStopRetries(Duration interval, int retries) {
      return new Options(timeouts, preferBuiltinIpaddr, interval, retries, scriptEnv, webSites);
    }

    /** Where the built-in {@code jhbweb} resources are served (the daemon's page server). */
    public Options withWebSites(WebSites sites) {
      return new Options(timeouts, preferBuiltinIpaddr, stopRetryInterval, stopRetries, scriptEnv, sites);
    }

    public Options withScriptEnv(Map<String, String> env) {
      return new Options(timeouts, preferBuiltinIpaddr, stopRetryInterval, stopRetries, env, webSites);
    }
  }

  private final ScriptLookup lookup;
  private final ProcessRunner runner;
  private final Scheduler scheduler;
  private final Executor callbacks;
  private final Options options;
  private final GratuitousArp arp;
  private final MeterRegistry registry;
  private final AtomicReference<CompletableFuture<?>> tail =
      new AtomicReference<>(CompletableFuture.completedFuture(null));

  public GroupRunner(ScriptLookup lookup, ProcessRunner runner, Scheduler scheduler, Executor callbacks,
      Options options, MeterRegistry registry) {
    this(lookup, runner, scheduler, callbacks, options, new GratuitousArp(runner, scheduler), registry);
  }

  public GroupRunner(ScriptLookup lookup, ProcessRunner runner, Scheduler scheduler, Executor callbacks,
      Options options, GratuitousArp arp, MeterRegistry registry) {
    this.registry = registry;
    this.lookup = lookup;
    this.runner = runner;
    this.scheduler = scheduler;
    this.callbacks = callbacks;
    this.options = options;
    this.arp = arp;
  }

  @Override
  public void start(ResourceGroup group, Consumer<GroupOutcome> done) {
    enqueue(() -> take(group), done, GroupOutcome.failure("internal error starting " + group.key()));
  }

  @Override
  public void stop(ResourceGroup group, Consumer<GroupOutcome> done) {
    enqueue(() -> give(group), done, GroupOutcome.failure("internal error stopping " + group.key()));
  }

  @Override
  public void status(ResourceGroup group, Consumer<Boolean> running) {
    enqueue(() -> timed(group.resources().get(0)).run(AgentOperation.STATUS)
        .thenApply(r -> r == AgentResult.RUNNING), running, false);
  }

  /**
   * Runs the built-in IPaddr {@code start} of each address of the group, whatever agent normally
   * runs it: on an address already configured that start only announces it (and it restores an
   * address that went missing). Queued behind earlier actions like every other one.
   */
  @Override
  public void announce(ResourceGroup group) {
    enqueue(() -> announceFrom(group.resources(), 0), r -> { }, AgentResult.FAILED);
  }

  private CompletableFuture<AgentResult> announceFrom(List<ResourceSpec> specs, int i) {
    if (i == specs.size()) {
      return CompletableFuture.completedFuture(AgentResult.SUCCESS);
    }
    ResourceSpec spec = specs.get(i);
    if (!ScriptLookup.BUILTIN_IPADDR.contains(spec.script())) {
      return announceFrom(specs, i + 1);
    }
    return new BuiltinIpaddr(spec, runner, arp, options.timeouts()).run(AgentOperation.START)
        .thenCompose(r -> announceFrom(specs, i + 1));
  }

  /** The agent that runs {@code spec}: its script, the built-in IPaddr, or a missing-script stand-in. */
  public ResourceAgent agentFor(ResourceSpec spec) {
    if (spec.script().equals(BuiltinWeb.NAME)) {
      return new BuiltinWeb(spec, options.webSites());
    }
    boolean builtinName = ScriptLookup.BUILTIN_IPADDR.contains(spec.script());
    if (builtinName && options.preferBuiltinIpaddr()) {
      return new BuiltinIpaddr(spec, runner, arp, options.timeouts());
    }
    ScriptLocation where = lookup.locate(spec.script());
    return switch (where.kind()) {
      case RESOURCE_D, INIT_D ->
          new ScriptAgent(spec, where.path().orElseThrow(), runner, options.timeouts(), options.scriptEnv());
      case BUILTIN -> new BuiltinIpaddr(spec, runner, arp, options.timeouts());
      case MISSING -> new MissingScript(spec);
    };
  }

  /** {@link #agentFor}, timed and counted in the registry, and bounded by {@link BoundedAgent}. */
  private ResourceAgent timed(ResourceSpec spec) {
    return new BoundedAgent(new TimedAgent(agentFor(spec), spec.script(), registry), options.timeouts(), scheduler);
  }

  private CompletableFuture<GroupOutcome> take(ResourceGroup group) {
    log.info("Acquiring resource group: {}", group.text());
    List<ResourceAgent> agents = group.resources().stream().map(this::timed).toList();
    return startFrom(agents, 0);
  }

  private CompletableFuture<GroupOutcome> startFrom(List<ResourceAgent> agents, int i) {
    if (i == agents.size()) {
      return CompletableFuture.completedFuture(GroupOutcome.success());
    }
    ResourceAgent a = agents.get(i);
    return a.run(AgentOperation.STATUS).thenCompose(status -> {
      if (status == AgentResult.RUNNING) {
        log.info("{}: Resource is running; not starting it again", a.name());
        return startFrom(agents, i + 1);
      }
      log.info("{}: Resource is stopped", a.name());
      return a.run(AgentOperation.START).thenCompose(r -> {
        if (r.ok()) {
          return startFrom(agents, i + 1);
        }
        log.error(HbMarkers.CRIT, "Giving up resources due to failure of {}", a.name());
        return stopFrom(agents, agents.size() - 1, new ArrayList<>())
            .thenApply(stopped -> GroupOutcome.failure("start of " + a.name() + " failed (" + r + ")"
                + (stopped.ok() ? "" : "; " + stopped.detail())));
      });
    });
  }

  private CompletableFuture<GroupOutcome> give(ResourceGroup group) {
    log.info("Releasing resource group: {}", group.text());
    List<ResourceAgent> agents = group.resources().stream().map(this::timed).toList();
    return stopFrom(agents, agents.size() - 1, new ArrayList<>());
  }

  private CompletableFuture<GroupOutcome> stopFrom(List<ResourceAgent> agents, int i, List<String> stuck) {
    if (i < 0) {
      return CompletableFuture.completedFuture(stuck.isEmpty()
          ? GroupOutcome.success() : GroupOutcome.failure("stop failed: " + String.join(", ", stuck)));
    }
    ResourceAgent a = agents.get(i);
    return stopOne(a, 0).thenCompose(ok -> {
      if (!ok) {
        stuck.add(a.name());
      }
      return stopFrom(agents, i - 1, stuck);
    });
  }

  private CompletableFuture<Boolean> stopOne(ResourceAgent a, int retry) {
    return a.run(AgentOperation.STOP).thenCompose(r -> {
      if (r.ok()) {
        return CompletableFuture.completedFuture(true);
      }
      if (retry < options.stopRetries()) {
        log.info("Retrying failed stop operation [{}]", a.name());
        return delay(options.stopRetryInterval()).thenCompose(x -> stopOne(a, retry + 1));
      }
      return a.run(AgentOperation.STATUS).thenApply(status -> {
        if (status == AgentResult.STOPPED) {
          log.warn("Resource {} stop failed but its status says stopped: probably not LSB-compliant", a.name());
          return true;
        }
        log.error(HbMarkers.CRIT, "Resource STOP failure. Reboot required!");
        log.error(HbMarkers.CRIT, "jheartbeat does not reboot; fence or repair this node ({} may still be running)",
            a.name());
        return false;
      });
    });
  }

  private CompletableFuture<Void> delay(Duration d) {
    CompletableFuture<Void> f = new CompletableFuture<>();
    try {
      scheduler.schedule(d, () -> f.complete(null));
    } catch (RejectedExecutionException e) {
      f.complete(null);
    }
    return f;
  }

  /** Runs {@code action} after every earlier one, then hands its value to {@code callback}. */
  private <T> void enqueue(Supplier<CompletableFuture<T>> action, Consumer<T> callback, T onError) {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<?> previous = tail.getAndSet(mine);
    previous.whenComplete((ignored, ignoredError) -> {
      CompletableFuture<T> f;
      try {
        f = action.get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete((value, error) -> {
        T v = value;
        if (error != null) {
          log.error("Resource group action failed: {}", error.toString());
          v = onError;
        }
        mine.complete(null);
        T delivered = v;
        try {
          callbacks.execute(() -> callback.accept(delivered));
        } catch (RejectedExecutionException e) {
          log.warn("Resource group outcome dropped (event loop stopped): {}", delivered);
        }
      });
    });
  }

  /** A resource whose script exists nowhere: Heartbeat's "Cannot locate resource script". */
  private static final class MissingScript implements ResourceAgent {
    private final ResourceSpec spec;

    MissingScript(ResourceSpec spec) {
      this.spec = spec;
    }

    @Override
    public String name() {
      return spec.text();
    }

    @Override
    public CompletableFuture<AgentResult> run(AgentOperation op) {
      log.error("Cannot locate resource script {}", spec.script());
      return CompletableFuture.completedFuture(switch (op) {
        case START -> AgentResult.NOT_INSTALLED;
        case STOP -> AgentResult.SUCCESS; // a script that does not exist started nothing
        case STATUS -> AgentResult.STOPPED;
      });
    }
  }
}
