package org.jheartbeat.resources;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.HaResources;
import org.jheartbeat.config.LogSettings;
import org.jheartbeat.config.MediumSpec;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.config.Timing;
import org.jheartbeat.membership.LocalIdentity;
import org.jheartbeat.membership.Membership;
import org.jheartbeat.membership.MembershipListener;
import org.jheartbeat.membership.NodeStatus;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.testkit.ManualClock;
import org.jheartbeat.testkit.ManualScheduler;
import org.jheartbeat.wire.Field;
import org.jheartbeat.wire.Message;
import org.slf4j.MDC;

/**
 * Two (or more) nodes, each a real {@link Membership} engine plus a {@link ResourceManager}
 * with fake group actions, on one {@link ManualScheduler} and an in-memory broadcast network
 * that can be cut between node pairs. Machines outlive daemons: what a node's fake agents run
 * survives a daemon stop and is cleared by {@link #crash} (power off). Every group action and
 * every resource message sent is appended to {@link #actions} as {@code [t] node: ...}.
 */
final class RmSim {
  static final Set<String> RESOURCE_TYPES = Set.of("starting", "resource", "ask_resources",
      "shutdone", "stonith", "ip-request", "ip-request-resp", "hb_takeover", PingQuorum.MESSAGE);
  private static final Set<String> CONTROL = Set.of("src", "srcuuid", "seq", "hg", "ts", "ld",
      "ttl", "destuuid");

  /**
   * Group actions for a single-manager test: each start and stop is recorded in {@code ran} as
   * {@code start KEY} / {@code stop KEY} and succeeds 100 ms later; status says stopped.
   */
  GroupActions recordingActions(List<String> ran) {
    return new GroupActions() {
      @Override
      public void start(ResourceGroup g, Consumer<GroupOutcome> done) {
        ran.add("start " + g.key());
        scheduler.schedule(Duration.ofMillis(100), () -> done.accept(GroupOutcome.success()));
      }

      @Override
      public void stop(ResourceGroup g, Consumer<GroupOutcome> done) {
        ran.add("stop " + g.key());
        scheduler.schedule(Duration.ofMillis(100), () -> done.accept(GroupOutcome.success()));
      }

      @Override
      public void status(ResourceGroup g, Consumer<Boolean> r) {
        r.accept(false);
      }
    };
  }

  /**
   * A fake STONITH device for a single-manager test: it reports {@code type} as its name, appends
   * each reset's target to {@code resets}, and answers the n-th reset (from 1) with
   * {@code answer.apply(n)}, computed when the reset is asked for and delivered {@code delay}
   * later; a zero delay answers inside the reset call, as a device that fails at once does.
   */
  record FakeDevice(String type, Duration delay, IntFunction<Fencer.Result> answer, List<String> resets) {
    /** A device of {@code type} whose resets all succeed at once, recorded in a list of its own. */
    static FakeDevice named(String type) {
      return new FakeDevice(type, Duration.ZERO, call -> Fencer.Result.OK, new ArrayList<>());
    }

    FakeDevice answering(IntFunction<Fencer.Result> byCall) {
      return new FakeDevice(type, delay, byCall, resets);
    }

    FakeDevice answering(Fencer.Result always) {
      return answering(call -> always);
    }

    FakeDevice after(Duration answerDelay) {
      return new FakeDevice(type, answerDelay, answer, resets);
    }

    FakeDevice recordingInto(List<String> targets) {
      return new FakeDevice(type, delay, answer, targets);
    }
  }

  /** A configured {@link Fencer} behaving as {@code spec}, its delayed answers on this sim's scheduler. */
  Fencer device(FakeDevice spec) {
    int[] calls = {0};
    return new Fencer() {
      @Override
      public boolean configured() {
        return true;
      }

      @Override
      public void reset(String node, Consumer<Result> done) {
        spec.resets().add(node);
        Result r = spec.answer().apply(++calls[0]);
        if (spec.delay().isZero()) {
          done.accept(r);
        } else {
          scheduler.schedule(spec.delay(), () -> done.accept(r));
        }
      }

      @Override
      public String toString() {
        return spec.type();
      }
    };
  }

  /** A message from {@code node} with the given field/value pairs, in order. */
  static Message from(String node, String... kv) {
    Message.Builder b = Message.builder();
    for (int i = 0; i < kv.length; i += 2) {
      b.add(kv[i], kv[i + 1]);
    }
    return b.add("src", node).build();
  }

  final ManualClock clock = new ManualClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final List<String> nodes;
  final AutoFailback mode;
  final HaResources res;
  final Timing timing = new Timing(1000, 10_000, 3000, 20_000, 10_000);
  final Map<String, Membership> engines = new LinkedHashMap<>();
  final Map<String, ResourceManager> managers = new LinkedHashMap<>();
  final Map<String, Set<String>> running = new HashMap<>();
  final Map<String, Set<String>> failing = new HashMap<>();
  final Set<String> cuts = new HashSet<>();
  final Map<String, Integer> power = new HashMap<>();
  private final Map<String, Integer> incarnation = new HashMap<>();
  final List<String> actions = new ArrayList<>();
  /** Resources monitored on every node (none unless a test sets it before starting nodes). */
  org.jheartbeat.config.Monitors monitors = org.jheartbeat.config.Monitors.none(Path.of("/etc/ha.d/monitors"));
  /** Per node: resources that died behind the daemon's back (their group still counts as running). */
  final Map<String, Set<String>> killed = new HashMap<>();
  /** Monitor checks answered per node, in order: {@code resource=verdict}. */
  final Map<String, List<String>> checks = new HashMap<>();
  private final Set<String> transmitted = new HashSet<>();
  Duration actionTime = Duration.ofMillis(200);
  /** Probability that a packet to another node is lost (membership retransmits). */
  double loss;
  final Random random = new Random(1);
  private long generation = 100;
  /** split_brain_policy of every node (null: the directive is absent); with it comes ping node {@value #PING}. */
  String policy;
  static final String PING = "ping1";
  /** Nodes with a STONITH device ({@link SimFencer}); the others have none. */
  final Set<String> stonith = new HashSet<>();
  /** Nodes whose STONITH device fails every reset. */
  final Set<String> fenceFails = new HashSet<>();
  /** Nodes that cannot reach the ping node. */
  final Set<String> pingBlind = new HashSet<>();
  private final Map<String, Scheduler> nodeSchedulers = new HashMap<>();
  /** How long a simulated reset takes. */
  static final Duration FENCE_TIME = Duration.ofSeconds(1);

  RmSim(AutoFailback mode, List<String> nodes, List<String> groupLines) {
    this.mode = mode;
    this.nodes = List.copyOf(nodes);
    List<ResourceGroup> groups = new ArrayList<>();
    int line = 1;
    for (String l : groupLines) {
      String[] w = l.trim().split("\\s+");
      List<ResourceSpec> specs = new ArrayList<>();
      for (int i = 1; i < w.length; i++) {
        String[] parts = w[i].split("::");
        specs.add(new ResourceSpec(w[i], parts[0], List.of(parts).subList(1, parts.length)));
      }
      groups.add(new ResourceGroup(w[0], specs, line++));
    }
    this.res = new HaResources(Path.of("/etc/ha.d/haresources"), true, groups);
    nodes.forEach(n -> {
      running.put(n, new LinkedHashSet<>());
      failing.put(n, new HashSet<>());
      killed.put(n, new HashSet<>());
      checks.put(n, new ArrayList<>());
    });
    scheduler.schedule(MONITOR_PERIOD, this::monitor);
  }

  static final Duration MONITOR_PERIOD = Duration.ofMillis(100);
  /**
   * Longest a group may run on two nodes that hear each other (HOUSE-STYLE: deadtime + agent
   * time); a healed partition is settled within a few seconds, after the lost messages are
   * recovered.
   */
  static final Duration DUPLICATE_LIMIT = Duration.ofSeconds(10);
  /**
   * Longest a group may run nowhere while a node with comm up is alive: a peer that dies in its
   * first 5 s is judged with deadtime + 2 s (membership §2), and when both nodes start together
   * nothing runs before the 10 s timer (§5.3 step 5): 10 + 10 + 2 s plus agent time.
   */
  static final Duration NOWHERE_LIMIT = Duration.ofSeconds(24);
  /** A failed start leaves the group stopped until hb_standby runs 30 s later. */
  static final Duration FAILED_START_GRACE = Duration.ofSeconds(35);
  /**
   * Longest a monitored resource may stay dead where its group runs: a check interval, then
   * either the threshold's restarts and a standby handshake, or 30 standby refusals (other side in
   * flux, 1 s apart) and a restart in place, plus agent time.
   */
  static final Duration RECOVERY_LIMIT = Duration.ofSeconds(45);
  private final Map<String, Long> deadSince = new HashMap<>();
  final List<String> monitorViolations = new ArrayList<>();
  private final Map<String, Long> duplicateSince = new HashMap<>();
  private final Map<String, Long> nowhereSince = new HashMap<>();
  final Map<String, Long> failedAt = new HashMap<>();

  /** Checks the invariants every 100 ms of virtual time, with the time limits above. */
  private void monitor() {
    long now = clock.nanoTime();
    boolean serving = nodes.stream().anyMatch(n -> alive(n) && engines.get(n).commUp());
    owners().forEach((key, on) -> {
      boolean dup = false;
      for (int i = 0; i < on.size(); i++) {
        for (int j = i + 1; j < on.size(); j++) {
          dup |= hear(on.get(i), on.get(j));
        }
      }
      boolean nowhere = serving && on.stream().noneMatch(this::alive) && !safetyFirst()
          && now - failedAt.getOrDefault(key, Long.MIN_VALUE / 2) > FAILED_START_GRACE.toNanos();
      limit(key + " runs on two nodes that hear each other " + on, dup, duplicateSince, now,
          DUPLICATE_LIMIT, key);
      limit(key + " runs nowhere", nowhere, nowhereSince, now, NOWHERE_LIMIT, key);
    });
    for (String n : nodes) {
      for (org.jheartbeat.config.MonitorSpec m : monitors.specs()) {
        boolean dead = alive(n) && running.get(n).contains(m.group()) && killed.get(n).contains(m.resource());
        limit(m.resource() + " stays dead on " + n + " where its group runs", dead, deadSince, now, RECOVERY_LIMIT,
            n + " " + m.resource());
      }
    }
    scheduler.schedule(MONITOR_PERIOD, this::monitor);
  }

  /**
   * Whether a group may legitimately run nowhere: a takeover blocked by a failing STONITH
   * device, or every live node without a ping node under ping_quorum (safety over availability).
   */
  private boolean safetyFirst() {
    List<String> live = nodes.stream().filter(this::alive).toList();
    boolean fenceBlocked = live.stream().anyMatch(n -> managers.get(n).fencing().peers().stream()
        .anyMatch(p -> p.phase().equals("failed") || p.phase().equals("resetting")));
    boolean blind = policy != null && !live.isEmpty() && pingBlind.containsAll(live);
    return fenceBlocked || blind;
  }

  private void limit(String what, boolean bad, Map<String, Long> since, long now, Duration max,
      String key) {
    if (!bad) {
      since.remove(key);
      return;
    }
    long start = since.computeIfAbsent(key, k -> now);
    if (now - start > max.toNanos() && since.get(key) != Long.MAX_VALUE) {
      monitorViolations.add(stamp() + " " + what + " for more than " + max.toSeconds() + " s");
      since.put(key, Long.MAX_VALUE); // report each episode once
    }
  }

  HaCf cf(String local) {
    return cf(local, List.of(), List.of());
  }

  /** The resource manager's ha.cf: with the policy, ping node {@value #PING} (its status comes from the sim). */
  HaCf rmCf(String local) {
    if (policy == null) {
      return cf(local);
    }
    var d = org.jheartbeat.config.Directives.named("split_brain_policy").orElseThrow();
    return cf(local, List.of(new org.jheartbeat.config.PingNode(PING, List.of(PING), false, 1)),
        List.of(new org.jheartbeat.config.Setting(d, policy, policy, 1)));
  }

  private HaCf cf(String local, List<org.jheartbeat.config.PingNode> ping,
      List<org.jheartbeat.config.Setting> settings) {
    return new HaCf(Path.of("/etc/ha.d/ha.cf"), local, nodes, ping, timing, 694,
        List.of(new MediumSpec.Bcast("eth0", 694)), mode,
        new LogSettings(Optional.empty(), Optional.empty(), Optional.empty(), true, false, 0),
        new HaCf.Protocol("classic", "file", "random", 250, 1),
        new HaCf.Clients(List.of(), List.of(), List.of(), Optional.empty()),
        new HaCf.Fencing(Optional.empty(), List.of()), settings);
  }

  static byte[] uuidOf(String node) {
    byte[] u = new byte[16];
    byte[] n = node.getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i < 16; i++) {
      u[i] = (byte) (i < n.length ? n[i] : i);
    }
    return u;
  }

  String stamp() {
    return String.format("[%8.3f]", clock.nanoTime() / 1e9);
  }

  /** Starts (or restarts) the daemon of {@code name} with a new generation. */
  void start(String name) {
    int inc = incarnation.merge(name, 1, Integer::sum);
    // a daemon's timers die with it (crash, or the end of a graceful stop)
    Scheduler ns = (d, task) -> scheduler.schedule(d, () -> {
      if (incarnation.get(name) == inc) {
        as(name, task);
      }
    });
    ResourceManager[] rm = new ResourceManager[1];
    MembershipListener listener = new MembershipListener() {
      @Override
      public void nodeStatusChanged(String node, NodeStatus from, NodeStatus to) {
        rm[0].onNodeStatus(node, from.text(), to.text());
      }

      @Override
      public void commUp() {
        rm[0].onCommUp();
      }

      @Override
      public void delivered(Message m) {
        if (RESOURCE_TYPES.contains(m.type())) {
          rm[0].onMessage(m);
        }
      }
    };
    Membership m = new Membership(cf(name), new LocalIdentity(name, uuidOf(name), ++generation),
        clock, ns, msg -> transmit(name, msg), () -> "0.00 0.00 0.00 1/1 1", new Random(7),
        listener, new org.jheartbeat.membership.MembershipMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
    Fencer fencer = stonith.contains(name) ? new SimFencer(name, ns) : Fencer.NO_DEVICE;
    rm[0] = new ResourceManager(rmCf(name), res, new FakeActions(name, ns), fencer, clock,
        ns, m::send, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), GroupListener.NONE,
        new Monitoring(monitors, new FakeProbe(name, ns)));
    engines.put(name, m);
    managers.put(name, rm[0]);
    nodeSchedulers.put(name, ns);
    as(name, m::start);
    if (policy != null && !pingBlind.contains(name)) {
      ns.schedule(Duration.ofMillis(timing.keepaliveMs()), () -> pingStatus(name, "init", "ping"));
    }
  }

  /** {@code node} loses the ping node: declared dead there after deadping. */
  void pingCut(String node) {
    if (!pingBlind.add(node) || !alive(node)) {
      return;
    }
    nodeSchedulers.get(node).schedule(Duration.ofMillis(timing.deadpingMs()), () -> {
      if (pingBlind.contains(node)) {
        pingStatus(node, "ping", "dead");
      }
    });
  }

  /** {@code node} reaches the ping node again: {@code ping} after the next echo reply. */
  void pingHeal(String node) {
    if (!pingBlind.remove(node) || !alive(node)) {
      return;
    }
    nodeSchedulers.get(node).schedule(Duration.ofMillis(timing.keepaliveMs()), () -> {
      if (!pingBlind.contains(node)) {
        pingStatus(node, "dead", "ping");
      }
    });
  }

  private void pingStatus(String node, String from, String to) {
    actions.add(stamp() + " " + node + ": ping node " + to);
    managers.get(node).onNodeStatus(PING, from, to);
  }

  /** Graceful stop: release, then the daemon exits (membership stops) 2 s after shutdone. */
  void stop(String name) {
    as(name, () -> managers.get(name).shutdown(() -> scheduler.schedule(Duration.ofSeconds(2),
        () -> as(name, () -> {
          engines.get(name).stop();
          incarnation.merge(name, 1, Integer::sum);
        }))));
  }

  /** Power off: the daemon stops sending and everything the machine ran is gone. */
  void crash(String name) {
    as(name, () -> engines.get(name).stop());
    incarnation.merge(name, 1, Integer::sum);
    running.get(name).clear();
    killed.get(name).clear();
    power.merge(name, 1, Integer::sum);
    actions.add(stamp() + " " + name + ": crash");
  }

  void cut(String a, String b) {
    cuts.add(a + ">" + b);
    cuts.add(b + ">" + a);
  }

  void heal() {
    cuts.clear();
  }

  <T> T on(String name, java.util.function.Function<ResourceManager, T> f) {
    Object[] r = new Object[1];
    as(name, () -> r[0] = f.apply(managers.get(name)));
    @SuppressWarnings("unchecked")
    T t = (T) r[0];
    return t;
  }

  void advance(Duration d) {
    scheduler.advance(d);
  }

  void advanceSeconds(double s) {
    advance(Duration.ofMillis((long) (s * 1000)));
  }

  private void transmit(String from, Message m) {
    String id = from + ":" + m.get("hg").orElse("") + ":" + m.get("seq").orElse("");
    if (RESOURCE_TYPES.contains(m.type()) && transmitted.add(id)) {
      StringBuilder b = new StringBuilder(stamp()).append(' ').append(from).append(": send");
      for (Field f : m.fields()) {
        if (!CONTROL.contains(f.name())) {
          b.append(f.name().equals("t") ? " " : " " + f.name() + "=")
              .append(f.name().equals("t") ? m.type() : m.get(f.name()).orElse("?"));
        }
      }
      actions.add(b.toString());
    }
    for (String to : new ArrayList<>(engines.keySet())) {
      if (cuts.contains(from + ">" + to) || (!to.equals(from) && random.nextDouble() < loss)) {
        continue;
      }
      scheduler.schedule(Duration.ofMillis(1), () -> as(to, () -> engines.get(to).receive(m, "eth0")));
    }
  }

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

  /** Which nodes run each group (fake agents' view). */
  Map<String, List<String>> owners() {
    Map<String, List<String>> o = new LinkedHashMap<>();
    for (ResourceGroup g : res.groups()) {
      o.put(g.key(), nodes.stream().filter(n -> running.get(n).contains(g.key())).toList());
    }
    return o;
  }

  boolean alive(String n) {
    return engines.containsKey(n) && engines.get(n).lifecycle() == org.jheartbeat.runtime.Lifecycle.RUNNING;
  }

  boolean hear(String a, String b) {
    return alive(a) && alive(b) && !cuts.contains(a + ">" + b) && !cuts.contains(b + ">" + a);
  }

  /**
   * The settled-state invariant: no group runs on two nodes that hear each other, and none runs
   * nowhere while some node is alive. Returns the violations.
   */
  List<String> violations() {
    List<String> v = new ArrayList<>();
    boolean anyAlive = nodes.stream().anyMatch(this::alive);
    owners().forEach((key, on) -> {
      for (int i = 0; i < on.size(); i++) {
        for (int j = i + 1; j < on.size(); j++) {
          if (hear(on.get(i), on.get(j))) {
            v.add(key + " runs on " + on.get(i) + " and " + on.get(j));
          }
        }
      }
      if (anyAlive && on.stream().noneMatch(this::alive) && !safetyFirst()) {
        v.add(key + " runs nowhere");
      }
    });
    return v;
  }

  /** Kills {@code resource} on {@code node} behind the daemon's back (its group still runs there). */
  void kill(String node, String resource) {
    killed.get(node).add(resource);
    actions.add(stamp() + " " + node + ": kill " + resource);
  }

  /**
   * Fake monitor checks: a resource runs when a group holding it runs on the node and it was not
   * killed since; each check takes 50 ms.
   */
  final class FakeProbe implements MonitorProbe {
    private final String node;
    private final Scheduler ns;

    FakeProbe(String node, Scheduler ns) {
      this.node = node;
      this.ns = ns;
    }

    @Override
    public void check(ResourceSpec resource, Duration timeout, Consumer<Result> done) {
      int epoch = power.getOrDefault(node, 0);
      ns.schedule(Duration.ofMillis(50), () -> {
        if (epoch != power.getOrDefault(node, 0)) {
          return;
        }
        boolean inRunningGroup = res.groups().stream().anyMatch(g -> running.get(node).contains(g.key())
            && g.resources().contains(resource));
        boolean up = inRunningGroup && !killed.get(node).contains(resource.text());
        checks.get(node).add(resource.text() + "=" + (up ? "running" : "not running"));
        done.accept(up ? new Result(Verdict.RUNNING, 0, resource.text() + " is running")
            : new Result(Verdict.NOT_RUNNING, 3, resource.text() + " is stopped"));
      });
    }
  }


  /**
   * A STONITH device that powers the target off ({@link #crash}) after {@link #FENCE_TIME}, or
   * fails when its node is in {@link #fenceFails}.
   */
  final class SimFencer implements Fencer {
    private final String node;
    private final Scheduler ns;

    SimFencer(String node, Scheduler ns) {
      this.node = node;
      this.ns = ns;
    }

    @Override
    public boolean configured() {
      return true;
    }

    @Override
    public void reset(String target, Consumer<Result> done) {
      ns.schedule(FENCE_TIME, () -> {
        boolean ok = !fenceFails.contains(node);
        actions.add(stamp() + " " + node + ": stonith reset " + target + (ok ? " OK" : " failed"));
        if (ok && alive(target)) {
          crash(target);
        }
        done.accept(ok ? Result.OK : Result.BAD);
      });
    }

    @Override
    public String toString() {
      return "sim";
    }
  }


  /**
   * Fake agents: each action takes {@link #actionTime}; starts of keys in failing fail. A start
   * brings the group's killed resources back; a group given (a restart's tail) is named by its
   * first resource.
   */
  final class FakeActions implements GroupActions {
    private final String node;
    private final Scheduler ns;

    FakeActions(String node, Scheduler ns) {
      this.node = node;
      this.ns = ns;
    }

    @Override
    public void start(ResourceGroup group, Consumer<GroupOutcome> done) {
      actions.add(stamp() + " " + node + ": takegroup " + group.key());
      int epoch = power.getOrDefault(node, 0);
      ns.schedule(actionTime, () -> {
        if (epoch != power.getOrDefault(node, 0)) {
          return;
        }
        if (failing.get(node).contains(group.key())) {
          actions.add(stamp() + " " + node + ": start failed " + group.key());
          // As GroupActions promises: the partly started group is stopped before the failure is reported.
          actions.add(stamp() + " " + node + ": givegroup " + group.key());
          failedAt.put(group.key(), clock.nanoTime());
          done.accept(GroupOutcome.failure("exit 1"));
        } else {
          running.get(node).add(group.key());
          group.resources().forEach(r -> killed.get(node).remove(r.text()));
          done.accept(GroupOutcome.success());
        }
      });
    }

    @Override
    public void stop(ResourceGroup group, Consumer<GroupOutcome> done) {
      actions.add(stamp() + " " + node + ": givegroup " + group.key());
      int epoch = power.getOrDefault(node, 0);
      ns.schedule(actionTime, () -> {
        if (epoch != power.getOrDefault(node, 0)) {
          return;
        }
        running.get(node).remove(group.key());
        done.accept(GroupOutcome.success());
      });
    }

    @Override
    public void status(ResourceGroup group, Consumer<Boolean> r) {
      ns.schedule(Duration.ZERO, () -> r.accept(running.get(node).contains(group.key())));
    }

    @Override
    public void announce(ResourceGroup group) {
      actions.add(stamp() + " " + node + ": announce " + group.key());
    }
  }
}
