package org.jheartbeat.membership;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jheartbeat.config.HaCf;
import org.jheartbeat.config.Timing;
import org.jheartbeat.runtime.Clock;
import org.jheartbeat.runtime.Lifecycle;
import org.jheartbeat.runtime.LogThrottle;
import org.jheartbeat.runtime.Scheduler;
import org.jheartbeat.wire.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The membership engine, owned by the event loop: status sending, control-field stamping, the
 * receive pipeline of spec wire §7.2 (sender lookup, generation rules, sequence tracking,
 * retransmission, ACKs, addressing) and the node/link state machines of spec membership §1–§3.
 * Every message this node sends is stamped, kept in the history when sequenced, processed
 * locally exactly as if received (wire §7.5) and only then handed to the {@link Outbox}; messages
 * triggered while processing go out after it, in stamp order. Timers: keepalive, the 5 s
 * start-up dead-time drop, and a 250 ms tick that runs the dead-node, dead-link and comm-up
 * checks (Heartbeat's poll interval, membership §2), brought forward to the moment a peer falls due.
 */
public final class Membership {
  static final Duration TICK = Duration.ofMillis(250);
  /** A check scheduled for a peer's due time runs this much after it ("overdue" is strictly later). */
  static final Duration DUE_SLACK = Duration.ofMillis(1);
  static final Duration STARTUP_DT_PERIOD = Duration.ofSeconds(5);
  static final long STARTUP_DT_EXTRA_MS = 2000;
  static final Duration BAD_NODE_LOG_INTERVAL = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(Membership.class);

  private final Timing timing;
  private final LocalIdentity me;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Outbox outbox;
  private final MembershipListener listener;
  private final MembershipMetrics metrics;
  private final NodeTable table;
  private final ControlStamper stamper;
  private final SendHistory history = new SendHistory();
  private final AckPolicy acks = new AckPolicy();
  private final FailureDetector failures;
  private final LinkMonitor links;
  private final ReceiveSequencing sequencing;
  private final RexmitServer rexmitServer;
  private final NodeListExchange nodeList;
  private final StallWatch stalls;
  private final Map<String, LogThrottle> badNodeLogs = new HashMap<>();
  private final ArrayDeque<Message> outgoing = new ArrayDeque<>();
  private Scheduler.Cancellable keepaliveTimer;
  private Scheduler.Cancellable tickTimer;
  private Scheduler.Cancellable startupDtTimer;
  private Lifecycle lifecycle = Lifecycle.LATENT;
  private NodeStatus localStatus = NodeStatus.INIT;
  private long advertisedDtMs;
  private boolean commUpStarted;
  private boolean commUp;
  private int processing;

  public Membership(HaCf cf, LocalIdentity me, Clock clock, Scheduler scheduler, Outbox outbox,
      Supplier<String> loadavg, RandomGenerator random, MembershipListener listener,
      MembershipMetrics metrics) {
    this.metrics = metrics;
    this.timing = cf.timing();
    this.me = me;
    this.clock = clock;
    this.scheduler = scheduler;
    this.outbox = outbox;
    this.listener = listener;
    this.table = new NodeTable(cf);
    NodeTable.Node self = table.find(me.nodeName()).orElseThrow(() ->
        new IllegalArgumentException("Current node [" + me.nodeName() + "] not in configuration!"));
    self.uuid = me.uuid();
    this.stamper = new ControlStamper(me, clock, loadavg,
        () -> cf.protocol().hopfudge() + table.size(),
        name -> table.find(name).flatMap(NodeTable.Node::uuid));
    this.failures = new FailureDetector(table, timing, me.nodeName(), clock, listener, metrics);
    this.links = new LinkMonitor(table, timing, clock, listener);
    this.stalls = new StallWatch(clock, timing.deadtimeMs());
    long maxRexmit = cf.protocol().maxRexmitDelayMs();
    this.sequencing = new ReceiveSequencing(table, failures, scheduler, clock, random, maxRexmit, acks,
        () -> lifecycle == Lifecycle.RUNNING, this::send, metrics);
    this.rexmitServer = new RexmitServer(history, clock, maxRexmit, outbox, this::send, metrics);
    this.nodeList = new NodeListExchange(table, me.nodeName(), scheduler, new NodeListExchange.Hooks() {
      @Override
      public void send(Message m) {
        Membership.this.send(m);
      }

      @Override
      public void nodeAdded(NodeTable.Node n) {
        failures.resetTimestamps(n);
      }

      @Override
      public void commNowUp() {
        Membership.this.commNowUp();
      }
    });
  }

  /** LATENT → RUNNING: status {@code up}, the three start-up status messages, the timers. */
  public void start() {
    if (lifecycle != Lifecycle.LATENT) {
      throw new IllegalStateException("membership is " + lifecycle);
    }
    lifecycle = Lifecycle.RUNNING;
    failures.started();
    stalls.observe();
    advertisedDtMs = timing.deadtimeMs() + STARTUP_DT_EXTRA_MS;
    setLocalStatus(NodeStatus.UP, false);
    sendStatus(NodeStatus.INIT);
    sendStatus(NodeStatus.UP);
    sendStatus(NodeStatus.UP);
    startupDtTimer = scheduler.schedule(STARTUP_DT_PERIOD, () -> {
      advertisedDtMs = timing.deadtimeMs();
      sendStatus(localStatus);
    });
    scheduleKeepalive();
    scheduleTick();
  }

  /** RUNNING → STOPPED: nothing more is sent, timers are cancelled, receipts are ignored. */
  public void stop() {
    if (lifecycle != Lifecycle.RUNNING) {
      return;
    }
    lifecycle = Lifecycle.STOPPED;
    for (Scheduler.Cancellable c : List.of(keepaliveTimer, tickTimer, startupDtTimer)) {
      c.cancel();
    }
    sequencing.stop();
    nodeList.cancel();
  }

  public Lifecycle lifecycle() {
    return lifecycle;
  }

  public NodeStatus localStatus() {
    return localStatus;
  }

  public boolean commUp() {
    return commUp;
  }

  /** The seq of the last sequenced message this node sent (0 before any). */
  public long lastSentSeq() {
    return stamper.lastSeq();
  }

  /** Missing seqs still wanted from {@code node} (empty when in step). */
  public List<Long> missingFrom(String node) {
    return sequencing.missingFrom(node);
  }

  public MembershipSnapshot snapshot() {
    List<MembershipSnapshot.NodeView> views = table.nodes().stream().map(n -> {
      Map<String, LinkStatus> ls = new LinkedHashMap<>();
      n.links().values().forEach(l -> ls.put(l.name(), l.status()));
      return new MembershipSnapshot.NodeView(n.name(), n.isPing(), n.status(), n.deadTimeMs(), ls);
    }).toList();
    return new MembershipSnapshot(me.nodeName(), localStatus, me.generation(), commUp, views,
        failures.largestLateMs());
  }

  /**
   * Sends a message originated here (by this engine or the resource layer): stamped, kept for
   * retransmission if sequenced, processed locally, then given to the outbox.
   */
  public void send(Message m) {
    if (lifecycle != Lifecycle.RUNNING) {
      return;
    }
    Message stamped = stamper.stamp(m);
    if (!ControlStamper.unsequenced(stamped)) {
      history.add(stamper.lastSeq(), stamped);
    }
    outgoing.add(stamped);
    processing++;
    try {
      process(stamped, null);
    } finally {
      processing--;
    }
    drainIfOutermost();
  }

  /** An authenticated, decoded message that arrived on the medium whose link name is {@code medium}. */
  public void receive(Message m, String medium) {
    if (lifecycle != Lifecycle.RUNNING) {
      return;
    }
    checkSelfStall();
    processing++;
    try {
      process(m, medium);
    } finally {
      processing--;
    }
    drainIfOutermost();
  }

  /** Transmits what was stamped, in stamp order, once no local processing is under way. */
  private void drainIfOutermost() {
    if (processing == 0) {
      while (!outgoing.isEmpty()) {
        outbox.send(outgoing.poll());
      }
    }
  }

  private void process(Message m, String medium) {
    Optional<String> src = m.get("src");
    String type = m.type();
    if (src.isEmpty() || type.isEmpty() || Hex.parse(m.get("ts").orElse("")) <= 0) {
      log.debug("dropping message without src/t/ts: {}", m);
      return;
    }
    String name = src.get().toLowerCase(Locale.ROOT);
    Optional<NodeTable.Node> found = m.binary("srcuuid").flatMap(table::findByUuid)
        .or(() -> table.find(name));
    if (found.isEmpty()) {
      badNode(name);
      return;
    }
    NodeTable.Node n = found.get();
    if (!n.isPing()) {
      learnUuid(n, m);
    }
    n.heard = true;
    if (medium != null) {
      links.heard(n, n.isPing() ? n.name() : medium);
    }
    if (ControlStamper.unsequenced(m)) {
      processUnsequenced(n, m);
    } else if (!n.isPing()) {
      processSequenced(n, m);
    }
    checkCommUp();
  }

  /**
   * A node's uuid is taken from its messages; a status carrying another uuid under the same
   * name means the node was reinstalled or replaced (say, Heartbeat by jheartbeat without its
   * hb_uuid), and from then on messages addressed to it must carry the new one in destuuid,
   * or it drops them as not its own.
   */
  private void learnUuid(NodeTable.Node n, Message m) {
    Optional<byte[]> uuid = m.binary("srcuuid").filter(u -> u.length == 16);
    if (uuid.isEmpty() || (n.uuid != null && Arrays.equals(n.uuid, uuid.get()))) {
      return;
    }
    if (n.uuid != null && !m.type().equals("status")) {
      return;
    }
    if (n.uuid != null) {
      log.info("Node {}: uuid changed to {}", n.name(), HexFormat.of().formatHex(uuid.get()));
    }
    n.uuid = uuid.get();
  }

  private void processUnsequenced(NodeTable.Node n, Message m) {
    String type = m.type();
    if (type.equals("NS_st")) {
      if (n.isPing() && "ping".equals(m.get("st").orElse(""))) {
        failures.onPingReply(n);
      }
      return;
    }
    if (!forUs(m)) {
      return;
    }
    switch (type) {
      case "NS_nak_rexmit" -> {
        sequencing.onNak(n, Hex.parse(m.get("firstseq").orElse("")));
      }
      case "NS_ackmsg" -> {
        sequencing.onAck(n, Math.max(0, Hex.parse(m.get("ackseq").orElse(""))));
      }
      case "NS_rexmit" -> {
        if (n.name().equals(me.nodeName())) {
          return;
        }
        long first = Hex.parseDec(m.get("firstseq").orElse(""));
        long last = Hex.parseDec(m.get("lastseq").orElse(""));
        if (first > 0 && last >= first) {
          rexmitServer.serve(n.name(), first, last, sequencing.peerAckSeq(n));
        }
      }
      default -> log.debug("ignoring {} from {}", type, n.name());
    }
  }

  private void processSequenced(NodeTable.Node n, Message m) {
    OptionalLong seq = sequencing.accept(n, m);
    if (seq.isPresent() && forUs(m)) {
      dispatch(n, m, seq.getAsLong());
    }
  }

  private void dispatch(NodeTable.Node n, Message m, long seq) {
    switch (m.type()) {
      case "status" -> {
        if (m.get("protocol").isEmpty() && !n.name().equals(me.nodeName()) && acks.enabled()) {
          log.info("flow control disabled due to different version heartbeat");
          acks.disable();
          nodeList.disable();
        }
        failures.onStatus(n, m, seq);
      }
      case "reqnodes" -> {
        if (m.get("dest").isPresent() && !n.name().equals(me.nodeName())) {
          nodeList.answer(n.name());
        }
      }
      case "repnodes" -> {
        if (!n.name().equals(me.nodeName())) {
          nodeList.onRepnodes(m);
        }
      }
      default -> listener.delivered(m);
    }
  }

  /** No dest, or dest (by UUID when {@code destuuid} is present) is this node. */
  private boolean forUs(Message m) {
    Optional<byte[]> du = m.binary("destuuid");
    if (du.isPresent()) {
      return Arrays.equals(du.get(), me.uuid());
    }
    return m.get("dest").map(d -> d.toLowerCase(Locale.ROOT).equals(me.nodeName())).orElse(true);
  }

  private void checkCommUp() {
    if (commUpStarted || lifecycle != Lifecycle.RUNNING) {
      return;
    }
    for (NodeTable.Node n : table.nodes()) {
      if (!n.heard && n.status != NodeStatus.DEAD) {
        return;
      }
    }
    commUpStarted = true;
    nodeList.begin();
  }

  private void commNowUp() {
    commUp = true;
    log.info("Comm_now_up(): updating status to active");
    setLocalStatus(NodeStatus.ACTIVE, true);
    listener.commUp();
  }

  private void setLocalStatus(NodeStatus st, boolean announce) {
    localStatus = st;
    table.find(me.nodeName()).ifPresent(n -> n.status = st);
    log.info("Local status now set to: '{}'", st.text());
    if (announce) {
      sendStatus(st);
    }
  }

  private void sendStatus(NodeStatus st) {
    metrics.heartbeatsSent.increment();
    send(Message.builder().add("t", "status").add("st", st.text())
        .add("dt", Long.toHexString(advertisedDtMs)).add("protocol", "1").build());
  }

  private void scheduleKeepalive() {
    keepaliveTimer = scheduler.schedule(Duration.ofMillis(timing.keepaliveMs()), () -> {
      if (lifecycle == Lifecycle.RUNNING) {
        checkSelfStall();
        sendStatus(localStatus);
        scheduleKeepalive();
      }
    });
  }

  /**
   * The next check runs after {@link #TICK}, or sooner when a peer falls due before that: a dead
   * node is then declared within a millisecond of its dead time instead of up to 250 ms later
   * (Heartbeat's poll adds 0-250 ms, half of a 500 ms dead time), without waking more often while
   * heartbeats arrive.
   */
  private void scheduleTick() {
    long due = failures.nanosUntilFirstOverdue(commUp);
    Duration delay = due < TICK.toNanos() - DUE_SLACK.toNanos() ? Duration.ofNanos(due).plus(DUE_SLACK) : TICK;
    tickTimer = scheduler.schedule(delay, () -> {
      if (lifecycle == Lifecycle.RUNNING) {
        checkSelfStall();
        failures.check(commUp);
        links.check(commUp);
        checkCommUp();
        scheduleTick();
      }
    });
  }

  /**
   * Before anything else runs after a stall of this node (see {@link StallWatch}): peers' silence
   * during it is unknown, so their dead timers and links restart from now and the stall is logged
   * instead of a death. Whatever arrived during the stall is processed next, judged from now.
   */
  private void checkSelfStall() {
    long stalledNanos = stalls.observe();
    if (stalledNanos == 0) {
      return;
    }
    metrics.selfStalls.increment();
    log.warn("Local node stalled for {} ms (its event loop did not run; limit {} ms): not judging peers "
        + "on the silence of the stall, their dead timers restart now", stalledNanos / 1_000_000, stalls.thresholdMs());
    failures.forgetSilence();
    links.forgetSilence();
  }

  /** Reports a sender not in ha.cf; each name has its own throttle, so one stranger cannot hide another. */
  private void badNode(String name) {
    LogThrottle throttle = badNodeLogs.computeIfAbsent(name, n -> new LogThrottle(clock, BAD_NODE_LOG_INTERVAL));
    if (throttle.shouldLog()) {
      log.error("process_status_message: bad node [{}] in message", name);
    }
  }

  /** Dead time (ms) every link is currently judged with; see {@link LinkMonitor}. */
  long linkDeadTimeMs() {
    return links.linkDeadTimeMs(commUp);
  }

  NodeTable table() {
    return table;
  }

  int pendingRexmitTimers() {
    return sequencing.pendingRexmitTimers();
  }
}
