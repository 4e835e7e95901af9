package org.jheartbeat.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jheartbeat.api.ClStatusResponder;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.api.StatusJson;
import org.jheartbeat.api.StatusReport;
import org.jheartbeat.api.ControlClient;
import org.jheartbeat.api.ControlServer;
import org.jheartbeat.config.ClusterConfig;
import org.jheartbeat.config.ConfigLoader;
import org.jheartbeat.config.ConfigReport;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.LogSettings;
import org.jheartbeat.membership.LocalIdentity;
import org.jheartbeat.membership.MembershipListener;
import org.jheartbeat.membership.LinkStatus;
import org.jheartbeat.membership.NodeStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.jheartbeat.api.http.HttpApi;
import org.jheartbeat.platform.SystemProcessRunner;
import org.jheartbeat.resources.ControlOutcome;
import org.jheartbeat.resources.Fencer;
import org.jheartbeat.resources.GroupRunner;
import org.jheartbeat.resources.Monitoring;
import org.jheartbeat.resources.ResourceManager;
import org.jheartbeat.resources.ScriptProbe;
import org.jheartbeat.resources.WebSites;
import org.jheartbeat.platform.LoadAverage;
import org.jheartbeat.platform.SdNotify;
import org.jheartbeat.platform.Signals;
import org.jheartbeat.platform.logging.LibcSyslog;
import org.jheartbeat.platform.logging.LineStyle;
import org.jheartbeat.platform.logging.LogSetup;
import org.jheartbeat.platform.logging.LogTargets;
import org.jheartbeat.platform.logging.LoggingHandle;
import org.jheartbeat.platform.logging.SyslogFacility;
import org.jheartbeat.platform.logging.SyslogSink;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.EventLoop;
import org.jheartbeat.runtime.Lifecycle;
import org.jheartbeat.transport.Media;
import org.jheartbeat.transport.Medium;
import org.jheartbeat.transport.UdpReceivers;
import org.jheartbeat.wire.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: the one place that creates the real services and wires them (spec
 * membership §3 for the start-up order, §8.3 for signals). Media receive threads verify
 * packets and post them to the event loop, which owns membership; the transmitter signs what
 * membership stamps; the control socket reads snapshots through the loop. SIGTERM stops
 * gracefully, SIGHUP re-reads the configuration.
 */
public final class HeartbeatDaemon {
  /** LSB "program is not configured", Heartbeat's exit status for a configuration error. */
  public static final int EXIT_NOT_CONFIGURED = 6;
  public static final int EXIT_FAILURE = 1;
  private static final Logger log = LoggerFactory.getLogger("heartbeat");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

  private final DaemonOptions options;
  private final Clock clock = Clock.SYSTEM;
  private static final Duration SHUTDONE_GRACE = Duration.ofSeconds(1);
  private static final Duration STALE_SWEEP_PER_GROUP = Duration.ofMinutes(15);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private boolean shuttingDown;
  private SystemProcessRunner processes;
  private ResourceManager resources;
  private ClusterConfig config;
  private AtomicReference<Authenticator> auth;
  private EventLoop loop;
  private RealtimePolicy realtime;
  private NodeMessaging node;
  private UdpReceivers receivers;
  private final List<Medium> media = new ArrayList<>();
  private BadPackets badPackets;
  private ControlServer control;
  private HttpApi http;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private TransitionLog transitions;
  private WebSites webSites;

  private HeartbeatDaemon(DaemonOptions options) {
    this.options = options;
  }

  /** Runs a daemon in this process until SIGTERM; returns the exit status. */
  public static int run(DaemonOptions options) {
    return new HeartbeatDaemon(options).run();
  }

  private int run() {
    ConfigReport report = ConfigLoader.load(options.configPaths(), options.nodeName());
    if (!report.valid()) {
      report.errors().forEach(p -> log.error("{}", p.located()));
      log.error("Configuration error, heartbeat not started.");
      return EXIT_NOT_CONFIGURED;
    }
    config = report.config().orElseThrow();
    long pid = ProcessHandle.current().pid();
    try (LoggingHandle logging = configureLogging(config.haCf(), pid);
        PidFile pidFile = PidFile.acquire(options.runDir(), pid)) {
      report.warnings().forEach(p -> log.warn("{}", p.located()));
      log.info("Configuration validated. Starting heartbeat 3.0.6");
      log.info("heartbeat: version 3.0.6 ({})", options.version());
      try {
        startServices(pid);
      } catch (IOException | RuntimeException e) {
        log.error("Heartbeat not started: {}", e.getMessage());
        log.debug("start-up failure", e);
        stopServices();
        return EXIT_FAILURE;
      }
      Signals.on("TERM", () -> loop.post(() -> shutdown(pid)));
      Signals.on("INT", () -> loop.post(() -> shutdown(pid)));
      Signals.on("HUP", () -> loop.post(this::reload));
      // The media are open and the control socket answers: systemd's Type=notify start is done.
      SdNotify.notify("READY=1\nSTATUS=Heartbeat running on " + config.haCf().localNode() + "\nMAINPID=" + pid);
      awaitStop();
      stopServices();
      log.info("{} Heartbeat shutdown complete.", config.haCf().localNode());
      return 0;
    } catch (IOException e) {
      log.error("Heartbeat not started: {}", e.getMessage());
      return EXIT_FAILURE;
    }
  }

  /**
   * Graceful stop (spec membership §5.5): the resource manager gives every group up and sends
   * shutdone; a second later, so that the peer has taken over, the daemon leaves.
   */
  private void shutdown(long pid) {
    if (shuttingDown) {
      return;
    }
    shuttingDown = true;
    log.info("Heartbeat shutdown in progress. ({})", pid);
    SdNotify.notify("STOPPING=1\nSTATUS=Releasing resources and leaving the cluster");
    resources.shutdown(() -> loop.schedule(SHUTDONE_GRACE, stopRequested::countDown));
  }

  private void awaitStop() {
    try {
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private LoggingHandle configureLogging(HaCf haCf, long pid) {
    LogSettings s = haCf.logging();
    Optional<SyslogFacility> facility = s.facility().flatMap(SyslogFacility::parse);
    LogTargets targets = new LogTargets(
        options.logFile().or(() -> s.logFile().map(Path::of)),
        options.debugFile().or(() -> s.debugFile().map(Path::of)),
        facility,
        s.syslogMsgFmt() ? LineStyle.SYSLOG : LineStyle.CLASSIC,
        haCf.localNode(),
        false);
    SyslogSink sink = facility.<SyslogSink>map(f -> new LibcSyslog("heartbeat", f)).orElse((f, l, m) -> { });
    return LogSetup.configure(targets, sink, pid);
  }

  private void startServices(long pid) throws IOException {
    HaCf haCf = config.haCf();
    auth = new AtomicReference<>(new Authenticator(config.authKeys()));
    badPackets = new BadPackets(haCf.logging().logBadPackets(), registry);
    transitions = new TransitionLog(clock);
    loop = new EventLoop(clock, Duration.ofMillis(Math.max(100, haCf.timing().keepaliveMs())));
    loop.start();
    io.micrometer.core.instrument.TimeGauge.builder("heartbeat.event.loop.lateness.max", loop,
        java.util.concurrent.TimeUnit.NANOSECONDS, l -> l.largestLateness().toNanos())
        .description("largest delay of an event-loop task past its due time since start").register(registry);
    realtime = new RealtimePolicy(haCf);
    loop.post(realtime.threadStart());
    processes = new SystemProcessRunner(SystemProcessRunner.DEFAULT_THREADS, SystemProcessRunner.DEFAULT_KILL_GRACE,
        SystemProcessRunner.DEFAULT_OUTPUT_LIMIT, realtime.threadStart());
    webSites = new WebSites(new JdkPageServer(), haCf.localNode());
    GroupRunner groups = new GroupRunner(config.paths().scripts(), processes, loop, loop::post,
        GroupRunner.Options.DEFAULTS.withScriptEnv(scriptEnvironment(haCf))
            .withPreferBuiltinIpaddr(options.builtinIpaddr()).withWebSites(webSites), registry);
    sweepStaleGroups(groups);
    Fencer fencer = StonithDevices.fencer(haCf, options.runDir(), processes, loop::post);
    Monitoring monitoring = new Monitoring(config.monitors(), new ScriptProbe(config.paths().scripts(), processes,
        groups::agentFor, loop::post, scriptEnvironment(haCf)));
    resources = new ResourceManager(haCf, config.haResources(), groups, fencer, clock, loop,
        message -> node.send(message), registry,
        (group, from, to, reason) -> transitions.record("group", group, from.text(), to.text(), reason), monitoring);
    startNode(haCf);
    control = ControlServer.start(options.runDir(), this::answer);
    http = HttpService.start(haCf, options.stateDir(), new DaemonHttpBackend(loop, this::statusReport,
        resources::standby, resources::takeover, registry)).orElse(null);
  }

  /**
   * The messaging part of the daemon for one ha.cf: a new generation, the media and
   * membership. A changed ha.cf replaces it as a whole, as Heartbeat's restart does.
   */
  private void startNode(HaCf haCf) throws IOException {
    long generation = GenerationFile.next(options.stateDir(), haCf.protocol().hbgenmethod(), clock.wallMillis() / 1000);
    byte[] uuid = UuidFile.load(options.stateDir(), haCf.protocol().uuidfrom(), haCf.localNode());
    receivers = new UdpReceivers(bindAddress(), realtime.threadStart());
    media.addAll(Media.of(haCf, receivers));
    node = new NodeMessaging(haCf, new LocalIdentity(haCf.localNode(), uuid, generation), media, auth::get,
        clock, loop, loop::post, LoadAverage::read, new Random(), resources, new MembershipListener() {
          @Override
          public void nodeStatusChanged(String name, NodeStatus from, NodeStatus to) {
            transitions.record("node", name, from.text(), to.text(), "status update");
          }

          @Override
          public void linkStatusChanged(String name, String link, LinkStatus to) {
            transitions.record("link", name + ":" + link, "", to.text(), "link " + to.text());
          }
        }, (result, packet) -> badPackets.record(result, packet.medium(), packet.source(), packet.receivedNanos()),
        registry);
    node.start();
  }

  /** {@code --bind-address}: the media's local address, or null for the wildcard (Heartbeat's). */
  private java.net.InetAddress bindAddress() throws IOException {
    if (options.bindAddress().isEmpty()) {
      return null;
    }
    return java.net.InetAddress.getByName(options.bindAddress().get());
  }

  private void sweepStaleGroups(GroupRunner groups) throws IOException {
    List<org.jheartbeat.config.ResourceGroup> all = config.haResources().groups();
    try {
      // Each group may need a status and a stop with retries; bound the wait by their timeouts.
      StaleGroupSweep.run(all, groups).get(STALE_SWEEP_PER_GROUP.multipliedBy(Math.max(1, all.size())).toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
      throw new IOException("checking for resources left running failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking for resources left running", e);
    }
  }

  /** What Heartbeat's resource scripts find in their environment: where to log. */
  private Map<String, String> scriptEnvironment(HaCf haCf) {
    LogSettings s = haCf.logging();
    Map<String, String> env = new HashMap<>();
    options.logFile().map(Path::toString).or(s::logFile).ifPresent(f -> env.put("HA_LOGFILE", f));
    options.debugFile().map(Path::toString).or(s::debugFile).ifPresent(f -> env.put("HA_DEBUGLOG", f));
    env.put("HA_LOGFACILITY", s.facility().orElse("none"));
    env.put("HA_DIR", config.paths().configDir().toString());
    return env;
  }

  private void stopNode() {
    if (node != null) {
      node.stop();
    } else {
      media.forEach(Medium::close);
    }
    media.clear();
    if (receivers != null) {
      receivers.close();
    }
  }

  /** On the control socket's thread: answer a tool from a snapshot taken on the loop. */
  private ControlClient.Reply answer(List<String> request) {
    String tool = request.isEmpty() ? "" : request.get(0);
    List<String> args = request.subList(Math.min(1, request.size()), request.size());
    try {
      return switch (tool) {
        case "cl_status" -> ClStatusResponder.answer(args, loop.call(this::clusterView, CALL_TIMEOUT));
        case "hb_standby" -> outcome(loop.call(() -> resources.standby(setOf(args)), CALL_TIMEOUT));
        case "hb_takeover" -> outcome(loop.call(() -> resources.takeover(setOf(args)), CALL_TIMEOUT));
        case "status" -> new ControlClient.Reply(List.of(new ControlClient.Line(false,
            StatusJson.write(loop.call(this::statusReport, CALL_TIMEOUT)))), 0);
        default -> new ControlClient.Reply(List.of(new ControlClient.Line(true, tool + ": unknown request")), 13);
      };
    } catch (TimeoutException e) {
      return new ControlClient.Reply(List.of(new ControlClient.Line(true, "event loop did not answer")), 12);
    }
  }

  private static String setOf(List<String> args) {
    return args.isEmpty() ? "all" : args.get(0);
  }

  private static ControlClient.Reply outcome(ControlOutcome o) {
    List<ControlClient.Line> lines = o.text().isEmpty() ? List.of()
        : List.of(new ControlClient.Line(o.exitCode() != 0, o.text()));
    return new ControlClient.Reply(lines, o.exitCode());
  }

  private ClusterView clusterView() {
    return ClusterViews.of(node.membership().snapshot(), config.haCf(), resources.rscstatus(),
        "3.0.6 (" + options.version() + ")");
  }

  private StatusReport statusReport() {
    return StatusReports.of(clusterView(), node.membership().snapshot(), resources.snapshot(), options.version(),
        transitions.snapshot(), resources.fencing());
  }

  /**
   * SIGHUP: re-read the configuration; new authkeys apply at once (spec membership §8.3), a changed
   * monitors file at once to the running resource manager, a changed ha.cf by a restart of the
   * messaging part. Any error in any file keeps all of the running configuration.
   */
  private void reload() {
    ConfigReport report = ConfigLoader.load(options.configPaths(), options.nodeName());
    if (!report.valid()) {
      report.errors().forEach(p -> log.error("{}", p.located()));
      log.error("Configuration error: keeping the running configuration.");
      return;
    }
    ClusterConfig fresh = report.config().orElseThrow();
    boolean keysChanged = !sameKeys(fresh, config);
    boolean haCfChanged = !fresh.haCf().settings().stream().map(s -> s.name() + " " + s.text()).toList()
        .equals(config.haCf().settings().stream().map(s -> s.name() + " " + s.text()).toList());
    boolean monitorsChanged = !fresh.monitors().equals(config.monitors());
    if (keysChanged) {
      log.info("Rereading authentication file.");
      auth.set(new Authenticator(fresh.authKeys()));
      config = new ClusterConfig(config.paths(), config.haCf(), fresh.authKeys(), config.haResources(),
          config.monitors());
    }
    if (monitorsChanged) {
      // the monitors are the resource manager's, which outlives a restart of the messaging part
      resources.reloadMonitors(fresh.monitors());
      config = new ClusterConfig(config.paths(), config.haCf(), config.authKeys(), config.haResources(),
          fresh.monitors());
    }
    if (haCfChanged) {
      log.info("Heartbeat restart triggered.");
      stopNode();
      config = fresh;
      try {
        startNode(fresh.haCf());
      } catch (IOException | RuntimeException e) {
        log.error("Heartbeat restart failed: {}; stopping", e.getMessage());
        stopRequested.countDown();
      }
    } else if (!keysChanged && !monitorsChanged) {
      log.info("Configuration unchanged.");
    }
  }

  private static boolean sameKeys(ClusterConfig a, ClusterConfig b) {
    return a.authKeys().activeIndex() == b.authKeys().activeIndex()
        && a.authKeys().keys().keySet().equals(b.authKeys().keys().keySet())
        && a.authKeys().keys().keySet().stream().allMatch(i -> {
          var ka = a.authKeys().keys().get(i);
          var kb = b.authKeys().keys().get(i);
          return ka.method() == kb.method() && ka.secret().equals(kb.secret());
        });
  }

  private void stopServices() {
    if (http != null) {
      http.close();
    }
    if (control != null) {
      try {
        control.close();
      } catch (IOException e) {
        log.debug("closing the control socket", e);
      }
    }
    if (loop != null && loop.lifecycle() == Lifecycle.RUNNING) {
      try {
        loop.call(() -> {
          stopNode();
          return null;
        }, CALL_TIMEOUT);
      } catch (TimeoutException | RuntimeException e) {
        log.warn("membership did not stop cleanly: {}", e.toString());
      }
    } else {
      stopNode();
    }
    if (loop != null) {
      loop.stop(CALL_TIMEOUT);
    }
    if (processes != null) {
      processes.close();
    }
    try {
      StonithDevices.removeParameterFiles(options.runDir());
    } catch (IOException e) {
      log.warn("could not remove the stonith_host parameter files in {}: {}", options.runDir(), e.toString());
    }
    if (webSites != null) {
      webSites.close();
    }
  }
}
