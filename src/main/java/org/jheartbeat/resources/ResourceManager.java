package org.jheartbeat.resources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.HaResources;
import org.jheartbeat.config.Monitors;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.platform.logging.HbMarkers;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The v1 (haresources) resource manager of one node, owned by the event loop (spec membership
 * §5). It is driven only by events — {@link #onCommUp}, {@link #onNodeStatus}, {@link
 * #onMessage} (every resource message, the node's own included, since Heartbeat processes what
 * it sends, wire §7.5), the control requests {@link #standby}/{@link #takeover} and {@link
 * #shutdown} — and acts by sending messages through {@code send} (field orders of wire §6.2)
 * and by running group starts/stops one at a time through {@link ActionQueue}.
 *
 * <p>Modes: {@code auto_failback on|off} run the nice_failback protocol ({@code starting} /
 * {@code resource} reports, the 10 s timer, the standby handshake, auto failback retried every
 * second); {@code legacy} acquires the node's own groups with {@code ip-request} and its answer,
 * never starting a group twice (the real daemon's double-acquire race at initdead is avoided by
 * the single action queue and by skipping starts of groups already running). A peer's death
 * takes over its groups after the STONITH decision of §5.6 ({@link DeadPeerTakeover}: a reset
 * through the {@link Fencer} first when a device is configured, and under {@code
 * split_brain_policy ping_quorum} only if the {@link PingQuorum} allows this node to act); a peer's {@code
 * shutdone} takes them over at once. The nice_failback handshake and the legacy request flow are
 * in {@link NiceFailback} and {@link LegacyRequests}; this class keeps the shared state.
 *
 * <p><b>Partition heal rule</b> (our deliberate deviation from §5.7, where both sides restart and
 * release everything): when a peer that was declared dead comes back as {@code active} without a
 * restart ({@code dead -> active}, "returning after partition"), we log Heartbeat's CRIT/info
 * lines, cancel any standby and, instead of restarting, send our holdings as a transition that
 * ends ({@code resource rtype=full isstable=0}, then {@code isstable=1}: any peer answers with its
 * own holdings, a real Heartbeat one too). Whoever — healed side or not — receives a stable report that claims
 * groups it also holds settles the overlap by {@link PartitionRule}: with {@code auto_failback on}
 * each node keeps the groups it is preferred for (the state {@code on} would reach anyway); with
 * {@code off} the node whose name sorts first keeps everything it holds ({@code off} promises that
 * nothing moves needlessly, and during a symmetric partition the first node holds a complete
 * set). The loser stops the overlapping groups and reports again; the keeper reports again so a
 * loser that never noticed the partition (one-way loss) learns of the overlap. Both sides compute
 * the same answer from the same configuration and names, so exactly one keeps each group. In
 * {@code legacy} mode (no reports) the healed side stops the peer's groups once its queued work
 * has run (unless the peer sent {@code shutdone}) and asks for its own with {@code ip-request}
 * (retried), which is where legacy mode puts every group anyway. A real Heartbeat peer that saw the partition restarts and gives everything up, ending with
 * {@code shutdone} (or silence until deadtime): we then take over what was released by the
 * ordinary rules; one that did not see it keeps claiming, and {@link RuleFallback} asks it to hand
 * over what the rule leaves to us (or, failing that, gives it up to it), so a mixed cluster also
 * ends with one owner per group.
 */
public final class ResourceManager {
  static final Duration RSC_TIMER = Duration.ofSeconds(10);
  static final Duration STANDBY_TIMEOUT = Duration.ofSeconds(10);
  static final Duration FAILBACK_RETRY = Duration.ofSeconds(1);
  static final Duration FAILED_START_STANDBY = Duration.ofSeconds(30);
  static final Duration STONITH_RETRY = Duration.ofSeconds(5);
  static final String LEGACY_REFUSAL = "Standby mode only implemented when nice_failback on";
  private static final Logger log = LoggerFactory.getLogger(ResourceManager.class);

  final String me;
  final AutoFailback mode;
  final HaResources res;
  final Clock clock;
  final Scheduler scheduler;
  final Consumer<Message> out;
  final ActionQueue runner;
  final GroupActions actions;
  /** The normal nodes of ha.cf (ping nodes are not among them). */
  private final Set<String> clusterNodes;
  /** The nodes that take part in resource management: see {@link #resourceNodes}. */
  private final Set<String> resourceNodes;
  final Map<String, String> peerStatus = new HashMap<>();
  final Set<String> peerShutdone = new HashSet<>();
  final Set<String> heardAlive = new HashSet<>();
  private final Set<String> deadBeforeCommUp = new LinkedHashSet<>();
  /**
   * Peers whose {@code shutdone} came before comm up. The nice_failback takeover it starts runs
   * the standby handshake's end through our own {@code done}, which is not processed before comm
   * up, so the standby state stayed DONE and the audit of overlapping claims never ran again
   * (seeds 11682, 12934, 15219: a group on both nodes for good); the takeover runs at comm up.
   */
  private final Set<String> shutdoneBeforeCommUp = new LinkedHashSet<>();
  final NiceFailback nice;
  private final LegacyRequests legacy;
  private final DeadPeerTakeover deadPeers;
  private final FailoverMetrics failovers;
  private final ResourceMonitor monitor;
  private final FenceLedger fences;
  private final PingQuorum quorum;

  RmState state = RmState.INIT;
  HeldSet held = HeldSet.NONE;
  HeldSet peerHeld = HeldSet.NONE;
  boolean peerStable;
  /** The peer's last report announced its shutdown ({@code info=shutdown}): it is releasing. */
  boolean peerReleasing;
  boolean commUp;
  boolean shuttingDown;
  boolean initialLogged;
  private Runnable shutdownCallback;
  private boolean shutdownPending;

  public ResourceManager(HaCf cf, HaResources res, GroupActions actions, Fencer fencer,
      Clock clock, Scheduler scheduler, Consumer<Message> send, MeterRegistry registry,
      GroupListener groupListener) {
    this(cf, res, actions, fencer, clock, scheduler, send, registry, groupListener, Monitoring.NONE);
  }

  /** As above, with resource monitoring ({@link ResourceMonitor}) of the groups this node runs. */
  public ResourceManager(HaCf cf, HaResources res, GroupActions actions, Fencer fencer,
      Clock clock, Scheduler scheduler, Consumer<Message> send, MeterRegistry registry,
      GroupListener groupListener, Monitoring monitoring) {
    this.me = cf.localNode();
    this.mode = cf.autoFailback();
    this.res = res;
    this.clock = clock;
    this.scheduler = scheduler;
    this.out = send;
    this.clusterNodes = Set.copyOf(cf.nodes());
    this.resourceNodes = resourceNodes(cf.nodes(), res);
    this.actions = actions;
    this.monitor = new ResourceMonitor(this, monitoring.monitors(), monitoring.probe(),
        new MonitorMetrics(registry));
    this.runner = new ActionQueue(res.groups(), actions, clock, this::startFailed, (group, from, to, reason) -> {
      groupListener.groupStateChanged(group, from, to, reason);
      monitor.groupStateChanged(group, to);
    });
    this.failovers = new FailoverMetrics(registry, clock);
    this.nice = new NiceFailback(this);
    this.legacy = new LegacyRequests(this);
    this.fences = new FenceLedger(registry, clock);
    this.quorum = new PingQuorum(cf, send);
    this.deadPeers = new DeadPeerTakeover(this, fencer, fences, quorum,
        Duration.ofMillis(cf.timing().deadtimeMs()));
  }

  /**
   * Who takes part in v1 resource management. Its protocol (the {@code starting}/{@code resource}
   * reports, local/foreign, the standby handshake, takeovers) is between two nodes, so in a
   * cluster of one or two normal nodes both take part, exactly as in Heartbeat. With more, only
   * the nodes that haresources lines name do: a node holding nothing would otherwise run the
   * two-node handshake with every peer at each death and return, every message broadcast to all
   * (the 32-node benchmark logged {@code Both machines own our resources!} 1 566 times on a node
   * with an empty haresources). The others keep out of it quietly.
   */
  static Set<String> resourceNodes(List<String> nodes, HaResources res) {
    if (nodes.size() <= 2) {
      return Set.copyOf(nodes);
    }
    Set<String> named = new HashSet<>();
    res.groups().forEach(g -> named.add(g.preferredNode()));
    named.retainAll(nodes);
    return Set.copyOf(named);
  }

  /** This node is one of the {@link #resourceNodes}. */
  boolean takesPart() {
    return resourceNodes.contains(me);
  }

  /** No other node takes part in resource management (ping nodes are not cluster nodes). */
  boolean alone() {
    return resourceNodes.stream().allMatch(me::equals);
  }

  boolean niceFailback() {
    return mode != AutoFailback.LEGACY;
  }

  // ---------------------------------------------------------------- events

  /**
   * Comm up (membership §3): start the mode's acquisition, then take over from peers that sent
   * {@code shutdone} or died before.
   */
  public void onCommUp() {
    if (commUp) {
      return;
    }
    commUp = true;
    if (shutdownPending) {
      beginShutdown();
      return;
    }
    if (!takesPart()) {
      log.info("No haresources line names {} in a cluster of {} nodes: it takes no part in resource"
          + " management", me, clusterNodes.size());
      peerStable = true;
      setState(RmState.STABLE, "holds no resources");
      return;
    }
    List<String> dead = new ArrayList<>(deadBeforeCommUp);
    deadBeforeCommUp.clear();
    if (niceFailback()) {
      nice.commUp();
    } else {
      legacy.commUp(dead.stream().filter(deadPeers::resetNeeded).toList());
    }
    List<String> shutdone = new ArrayList<>(shutdoneBeforeCommUp);
    shutdoneBeforeCommUp.clear();
    shutdone.forEach(this::peerShutdone);
    dead.forEach(deadPeers::peerDied);
  }

  /**
   * A node's status changed ({@code init/up/active/dead}, spec §1.2). Death of a peer starts the
   * takeover; a dead peer back as {@code active} without a restart is a healed partition; a dead
   * peer back as {@code init}/{@code up} restarted.
   */
  public void onNodeStatus(String node, String from, String to) {
    if (node.equals(me)) {
      return;
    }
    if (!clusterNodes.contains(node)) {
      // ping nodes never move resources (spec §5.6 step 5), only split_brain_policy ping_quorum reads them
      deadPeers.pingStatus(node, to);
      return;
    }
    if (!takesPart() || !resourceNodes.contains(node)) {
      return;
    }
    peerStatus.put(node, to);
    if (!to.equals(from)) {
      nice.peerStatusChanged();
    }
    if (!"dead".equals(to)) {
      // back before our comm up (restart, or a partition that healed): its death is moot, and
      // taking its groups over at comm up would run them twice (seeds 2861, 4418)
      deadBeforeCommUp.remove(node);
    }
    if ("dead".equals(from) && !"dead".equals(to)) {
      deadPeers.peerReturned(node, !"active".equals(to));
    }
    if ("up".equals(to) || "active".equals(to)) {
      heardAlive.add(node);
      if ("active".equals(to) && !"active".equals(from)) {
        quorum.announce();
      }
    }
    if ("dead".equals(to) && !"dead".equals(from)) {
      if (!shuttingDown && !res.localTo(node).isEmpty()) {
        failovers.began(node, "dead");
      }
      if (commUp) {
        deadPeers.peerDied(node);
      } else {
        deadBeforeCommUp.add(node);
      }
    } else if ("dead".equals(from) && "active".equals(to) && commUp) {
      onPartitionHealed(node);
    } else if ("dead".equals(from)) {
      peerShutdone.remove(node);
      peerHeld = HeldSet.NONE;
      if (!niceFailback() && commUp) {
        legacy.peerBack(node, true);
      }
    } else if ("active".equals(from) && commUp && niceFailback()) {
      restartedUnseen(node);
    }
  }

  /**
   * The peer came back with a new generation before deadtime declared it dead (a fast reboot, or
   * a stall here): its previous run ended as in a death and it holds nothing now, so what it held
   * is taken over as after a death (after a reset with a device) instead of running nowhere.
   * Legacy mode does not need it: the restarted peer asks for its groups and we answer with
   * ours, and taking its groups over would race its {@code ip-request}s.
   */
  private void restartedUnseen(String node) {
    log.info("{} restarted before it was declared dead: acting on the end of its previous run", node);
    deadPeers.peerDied(node);
    deadPeers.peerReturned(node, true);
    peerShutdone.remove(node);
    peerHeld = HeldSet.NONE;
  }

  /** A delivered message of any resource type (own ones included). */
  public void onMessage(Message m) {
    String src = m.get("src").orElse("");
    boolean fromMe = src.equals(me);
    if (!takesPart() || !(fromMe || resourceNodes.contains(src.toLowerCase(Locale.ROOT)))) {
      return;
    }
    switch (m.type()) {
      case "starting", "resource", "ask_resources" -> {
        if (!fromMe && m.type().equals("resource")) {
          peerReleasing = m.get("info").map("shutdown"::equals).orElse(false);
        }
        if (niceFailback() && commUp) { // before comm up we have not joined the protocol yet
          nice.onMessage(m, src, fromMe);
        }
      }
      case "shutdone" -> {
        if (!fromMe && niceFailback() && !commUp) {
          shutdoneBeforeCommUp.add(src);
        } else if (!fromMe) {
          peerShutdone(src);
        }
      }
      case "ip-request" -> {
        if (!fromMe) {
          legacy.onIpRequest(src, m.get("ipaddr").orElse(""));
        }
      }
      case "ip-request-resp" -> {
        if (m.get("dest").map(me::equals).orElse(false)) {
          legacy.onIpRequestResp(m.get("ipaddr").orElse(""), m.get("weown").orElse(""), fromMe);
        }
      }
      case "hb_takeover" -> {
        if (!fromMe) {
          String asked = m.get("rsc_hold").orElse("all");
          String mine = switch (asked) {
            case "local" -> "foreign";
            case "foreign" -> "local";
            default -> "all"; // "failback" arrives unmapped and ends up as all (spec §8.2)
          };
          log.info("{} asks us to take over [{}]: going standby [{}]", src, asked, mine);
          ControlOutcome o = standby(mine);
          if (!o.accepted()) {
            log.info("hb_takeover from {} not honoured: {}", src, o.text());
          }
        }
      }
      case "stonith" -> {
        log.debug("stonith report: {}", m);
        if (!fromMe && niceFailback() && m.get("node").map(me::equals).orElse(false)) {
          nice.peerDeclaredUsDead();
        }
      }
      case PingQuorum.MESSAGE -> {
        if (!fromMe) {
          quorum.onMessage(src, m.get("pingreach").orElse(""));
        }
      }
      default -> log.debug("not a resource message: {}", m.type());
    }
  }

  // ------------------------------------------------------------- control socket

  /** {@code hb_standby [all|foreign|local|failback]}: this node gives up the set. */
  public ControlOutcome standby(String set) {
    if (!niceFailback()) {
      log.error(LEGACY_REFUSAL);
      return ControlOutcome.refused(LEGACY_REFUSAL);
    }
    HeldSet s = HeldSet.parse(set == null || set.isEmpty() ? "all" : set).orElse(null);
    if (s == null || s == HeldSet.NONE) {
      return ControlOutcome.refused("Invalid standby resource set [" + set + "]");
    }
    return nice.requestStandby(s);
  }

  /** {@code hb_takeover [all|foreign|local|failback]}: the other node gives the set to us. */
  public ControlOutcome takeover(String set) {
    if (!niceFailback()) {
      log.error(LEGACY_REFUSAL);
      return ControlOutcome.refused(LEGACY_REFUSAL);
    }
    String s = set == null || set.isEmpty() ? "all" : set;
    if (!List.of("all", "local", "foreign", "failback").contains(s)) {
      return ControlOutcome.refused("Invalid takeover resource set [" + set + "]");
    }
    if (shuttingDown) {
      return ControlOutcome.refused("Takeover refused: shutdown in progress.");
    }
    if (!peerAlive()) {
      return ControlOutcome.refused("Takeover refused: no other node is active.");
    }
    out.accept(ResourceMessages.hbTakeover(s));
    return ControlOutcome.sent("Taking over [" + s + "].");
  }

  /**
   * Graceful stop (spec §5.5): waits for comm up and for the running action, announces
   * {@code rsc_hold=none info=shutdown}, stops every group in file order, sends {@code
   * shutdone st=dead} and then calls {@code whenReleased}.
   */
  public void shutdown(Runnable whenReleased) {
    if (shuttingDown || shutdownPending) {
      return;
    }
    shutdownCallback = whenReleased;
    if (!commUp) {
      log.warn("Shutdown delayed until Communication is up.");
      shutdownPending = true;
      return;
    }
    beginShutdown();
  }

  /** What {@code cl_status rscstatus} prints (spec §7.2). */
  public String rscstatus() {
    if (!niceFailback()) {
      return runner.busy() ? "transition" : "none"; // legacy never updates the held set
    }
    boolean settled = state == RmState.STABLE || state == RmState.SHUTDOWN || state == RmState.INIT;
    if (runner.busy() || nice.standby() != StandbyState.NOT || !peerStable || !settled) {
      return "transition";
    }
    return held.text();
  }

  public ResourceSnapshot snapshot() {
    String peer = peerAlive() ? peerName() : "";
    List<ResourceSnapshot.GroupView> views = new ArrayList<>();
    for (ActionQueue.Entry e : runner.entries().values()) {
      String owner;
      if (e.state != GroupState.STOPPED) {
        owner = me;
      } else if (niceFailback() && !peer.isEmpty()
          && peerHeld.has(e.group.preferredNode().equals(me) ? HeldSet.FOREIGN : HeldSet.LOCAL)) {
        owner = peer;
      } else {
        owner = "";
      }
      views.add(new ResourceSnapshot.GroupView(e.group.key(), e.group.preferredNode(), e.state,
          owner, e.changedMillis, e.reason));
    }
    return new ResourceSnapshot(me, mode, state, held, peerHeld, peerStable, nice.standby(),
        rscstatus(), views, monitor.snapshot());
  }

  /** A reload brought a changed monitors file: apply it to the running monitors ({@link ResourceMonitor}). */
  public void reloadMonitors(Monitors monitors) {
    monitor.reconfigure(monitors);
  }

  /** Each peer this node had to reset, oldest first, and the split-brain tie-breaker's view. */
  public FencingSnapshot fencing() {
    return new FencingSnapshot(fences.entries().stream()
        .map(e -> new FencingSnapshot.Peer(e.node(), e.phase().text(), e.failures(), e.sinceMillis()))
        .toList(), quorum.describe());
  }

  // ------------------------------------------------------------- shared helpers

  void setState(RmState to, String reason) {
    if (state == to) {
      return;
    }
    if (!state.canGo(to)) {
      log.debug("resource state {} -> {} refused ({})", state, to, reason);
      return;
    }
    log.info("Resource state: {} -> {} ({})", state, to, reason);
    state = to;
  }

  void logInitial(String reason) {
    if (!initialLogged) {
      initialLogged = true;
      log.info("Initial resource acquisition complete ({})", reason);
    }
  }

  /** Groups of a set seen from {@code node}. */
  List<ResourceGroup> groupsOf(String node, HeldSet set) {
    return switch (set) {
      case NONE -> List.of();
      case LOCAL -> res.localTo(node);
      case FOREIGN -> res.foreignTo(node);
      case ALL -> res.groups();
    };
  }

  /** The part of {@code set} that names at least one group: a node may be preferred for none. */
  HeldSet withGroups(HeldSet set) {
    HeldSet named = set;
    for (HeldSet part : List.of(HeldSet.LOCAL, HeldSet.FOREIGN)) {
      if (groupsOf(me, set.and(part)).isEmpty()) {
        named = named.minus(part);
      }
    }
    return named;
  }

  static List<ActionQueue.Op> ops(ActionQueue.Kind kind, List<ResourceGroup> groups, String why) {
    List<ResourceGroup> order = new ArrayList<>(groups);
    if (kind == ActionQueue.Kind.STOP && !why.equals("shutdown")) {
      java.util.Collections.reverse(order);
    }
    return order.stream().map(g -> new ActionQueue.Op(kind, g, why)).toList();
  }

  boolean peerAlive() {
    return peerStatus.values().stream().anyMatch(s -> s.equals("active") || s.equals("up"));
  }

  List<String> otherNodes() {
    return resourceNodes.stream().filter(n -> !n.equals(me)).sorted().toList();
  }

  String peerName() {
    return resourceNodes.stream().filter(n -> !n.equals(me)).sorted().findFirst().orElse("");
  }

  // ------------------------------------------------------------- takeover

  /** §5.6 step 4: claim the dead node's groups, re-acquire our own, then run mach_down. */
  void machDownTakeover(String node) {
    log.info("Resources being acquired from {}.", node);
    if (niceFailback()) {
      nice.takeover(node);
    } else {
      legacy.machDown(node);
    }
  }

  /** Restarts {@code group} from its resource {@code from} on (resource monitoring), then {@code then}. */
  void restartFrom(ResourceGroup group, int from, String why, Runnable then) {
    runner.submit(List.of(new ActionQueue.Op(ActionQueue.Kind.RESTART, group, why, from)), then);
  }

  /** mach_down for {@code node}: start its groups, then {@code then}. */
  void machDown(String node, Runnable then) {
    List<ResourceGroup> groups = res.localTo(node);
    groups.forEach(g -> log.info("Taking over resource group {}", g.key()));
    runner.submit(ops(ActionQueue.Kind.START, groups, "mach_down " + node), () -> {
      log.info("mach_down takeover complete for node {}.", node);
      failovers.completed(node);
      then.run();
    });
  }

  private void peerShutdone(String node) {
    peerShutdone.add(node);
    if (shuttingDown) {
      log.info("Received shutdown notice from '{}'.", node);
      return;
    }
    if (!res.localTo(node).isEmpty()) {
      failovers.began(node, "shutdone");
    }
    if (niceFailback()) {
      nice.peerShutdone(node);
    } else {
      log.info("Received shutdown notice from '{}'.", node);
      log.info("Resources being acquired from {}.", node);
      legacy.machDown(node);
    }
  }

  // ------------------------------------------------------------- partition

  /** A dead peer came back without a restart: apply the partition rule of the class comment. */
  public void onPartitionHealed(String node) {
    log.error(HbMarkers.CRIT, "Cluster node {} returning after partition.", node);
    log.info("For information on cluster partitions, See URL: http://linux-ha.org/wiki/Split_Brain");
    log.warn("Deadtime value may be too small.");
    log.info("See FAQ for information on tuning deadtime.");
    log.info("URL: http://linux-ha.org/wiki/FAQ#Heavy_Load");
    if (shuttingDown) {
      return;
    }
    nice.cancelStandby();
    nice.clearFailback();
    peerStable = true;
    if (niceFailback()) {
      nice.partitionHealed();
      return;
    }
    legacy.peerBack(node, false);
    legacy.releasePeers(node);
    legacy.reclaimOwn(node);
  }

  // ------------------------------------------------------------- shutdown

  private void beginShutdown() {
    shutdownPending = false;
    shuttingDown = true;
    nice.cancelTimers();
    monitor.stopAll();
    if (runner.busy()) {
      log.warn("Shutdown delayed until current resource activity finishes.");
      runner.discardQueued();
    }
    runner.whenIdle(this::releaseAll);
  }

  private void releaseAll() {
    held = HeldSet.NONE;
    if (niceFailback() && takesPart()) {
      out.accept(ResourceMessages.report(HeldSet.NONE, false, "shutdown"));
    }
    log.info("Giving up all HA resources.");
    runner.submit(ops(ActionQueue.Kind.STOP, res.groups(), "shutdown"), () -> {
      log.info("All HA resources relinquished.");
      out.accept(ResourceMessages.shutdone());
      if (shutdownCallback != null) {
        shutdownCallback.run();
      }
    });
  }

  // ------------------------------------------------------------- failed starts

  private void startFailed(ResourceGroup g) {
    scheduler.schedule(FAILED_START_STANDBY, () -> handOverFailed(g));
  }

  /**
   * hb_standby of the failed group's set, as Heartbeat runs it 30 s after a failed start; and,
   * our addition, again every 30 s while the group is still failed here: Heartbeat runs it once,
   * and if the peer was absent or in flux at that moment the group stayed down for good although
   * the peer could run it (found by the cluster simulation). Legacy mode refuses hb_standby, so
   * there it runs once, as in Heartbeat.
   */
  private void handOverFailed(ResourceGroup g) {
    if (shuttingDown || runner.entries().get(g.key()).state != GroupState.FAILED) {
      return;
    }
    HeldSet set = g.preferredNode().equals(me) ? HeldSet.LOCAL : HeldSet.FOREIGN;
    log.info("Running hb_standby {} after the failed start of {}", set, g.key());
    ControlOutcome o = standby(set.text());
    if (!o.accepted()) {
      log.warn("hb_standby {} refused: {}", set, o.text());
    }
    if (niceFailback()) {
      scheduler.schedule(FAILED_START_STANDBY, () -> handOverFailed(g));
    }
  }
}
