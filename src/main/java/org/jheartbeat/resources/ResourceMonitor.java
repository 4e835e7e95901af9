package org.jheartbeat.resources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jheartbeat.config.MonitorSpec;
import org.jheartbeat.config.Monitors;
import org.jheartbeat.config.OnFail;
import org.jheartbeat.config.ResourceGroup;
import org.jheartbeat.config.ResourceSpec;
import org.jheartbeat.runtime.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resource health monitoring for the groups this node runs, owned by the event loop (the monitors
 * file, {@link Monitors}). It follows the group state edges: when a group becomes {@code running}
 * here each of its monitored resources is checked every {@code interval} (the first check one
 * interval after the start), and when it leaves {@code running} the checks stop; a check answer
 * from before the last edge is dropped. No check starts while a group action runs or a standby is
 * in progress.
 *
 * <p>A check that does not say running is logged (WARN for not running, ERROR for an error,
 * naming the resource, rc and output), counted, and raises the resource's fail count; with
 * {@code expire} the count is cleared that long after the last failure (Pacemaker's
 * failure-timeout). Then by {@code on-fail}: {@code ignore} does nothing more; {@code restart}
 * restarts the resource and the ones after it in its group ({@link ActionQueue}, queued with the
 * other group actions) while the fail count is below {@code threshold}, and fails over once it
 * reaches it; {@code failover} fails over at once. A restart whose start fails leaves the group
 * failed and fails over too.
 *
 * <p>Failover is {@code hb_standby} of the group's set ({@code local} when this node is the group's
 * preferred node, else {@code foreign}): the standby handshake of the nice_failback protocol, so a
 * real Heartbeat peer takes the set over as from its own hb_standby, and every group of the set
 * moves, as with hb_standby. It is asked once no group action runs; a refusal because resources
 * are in flux is retried every second (at most {@value #FAILOVER_TRIES} times); a refusal because
 * no other node is active (or the mode is legacy, which has no standby) restarts in place
 * instead.
 */
final class ResourceMonitor {
  private static final Logger log = LoggerFactory.getLogger(ResourceMonitor.class);
  static final int FAILOVER_TRIES = 30;
  static final Duration FAILOVER_RETRY = Duration.ofSeconds(1);

  /** One monitored resource; mutable, owned by the loop. */
  private static final class Watched {
    MonitorSpec spec;
    final ResourceSpec resource;
    final ResourceGroup group;
    MonitorState state = MonitorState.INACTIVE;
    int failCount;
    long checks;
    long lastFailureMillis;
    String lastFailure = "";
    boolean failoverPending;
    boolean checking;
    Scheduler.Cancellable tick;
    Scheduler.Cancellable expiry;

    Watched(MonitorSpec spec, ResourceGroup group) {
      this.spec = spec;
      this.group = group;
      this.resource = group.resources().get(spec.index());
    }
  }

  private final ResourceManager rm;
  private final MonitorProbe probe;
  private final MonitorMetrics metrics;
  private final Map<String, List<Watched>> byGroup = new LinkedHashMap<>();
  private final Map<String, Integer> epochs = new HashMap<>();

  ResourceMonitor(ResourceManager rm, Monitors monitors, MonitorProbe probe, MonitorMetrics metrics) {
    this.rm = rm;
    this.probe = probe;
    this.metrics = metrics;
    for (MonitorSpec s : monitors.specs()) {
      groupOf(s).ifPresent(g -> byGroup.computeIfAbsent(g.key(), k -> new ArrayList<>()).add(new Watched(s, g)));
    }
  }

  /**
   * The group a spec monitors, if this manager runs that group with that resource at that place:
   * a reload may bring a monitors file written for a changed haresources, which applies only when
   * ha.cf changes too (the restart), so a spec naming something else here is left out.
   */
  private java.util.Optional<ResourceGroup> groupOf(MonitorSpec s) {
    return rm.res.group(s.group()).filter(g -> s.index() < g.resources().size()
        && g.resources().get(s.index()).text().equals(s.resource()));
  }

  /**
   * A reload brought a new monitors file: monitors no longer listed stop (their pending check and
   * fail count expiry are cancelled), new ones start checking if their group runs here, and a
   * changed one keeps its state and fail count and uses its new interval, timeout, on-fail,
   * threshold and expiry from its next check on (a check in progress finishes under the old
   * timeout). Logs what changed.
   */
  void reconfigure(Monitors monitors) {
    Map<Id, MonitorSpec> fresh = new LinkedHashMap<>();
    for (MonitorSpec s : monitors.specs()) {
      if (groupOf(s).isPresent()) {
        fresh.put(Id.of(s), s);
      } else {
        log.warn("Monitor of {} in group {} ({}:{}) ignored: not in the running haresources", s.resource(),
            s.group(), monitors.file(), s.line());
      }
    }
    List<String> removed = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    Map<Id, Watched> kept = new HashMap<>();
    for (List<Watched> ws : byGroup.values()) {
      for (Watched w : ws) {
        MonitorSpec next = fresh.get(Id.of(w.spec));
        if (next == null) {
          removed.add(w.resource.text());
          cancel(w);
          cancelExpiry(w);
        } else {
          if (!sameSettings(w.spec, next)) {
            changed.add(w.resource.text());
            retune(w, next);
          }
          w.spec = next;
          kept.put(Id.of(next), w);
        }
      }
    }
    List<String> added = new ArrayList<>();
    byGroup.clear();
    for (MonitorSpec s : fresh.values()) {
      ResourceGroup g = groupOf(s).orElseThrow();
      Watched w = kept.get(Id.of(s));
      if (w == null) {
        w = new Watched(s, g);
        added.add(w.resource.text());
        startIfRunning(w);
      }
      byGroup.computeIfAbsent(g.key(), k -> new ArrayList<>()).add(w);
    }
    if (removed.isEmpty() && changed.isEmpty() && added.isEmpty()) {
      log.info("Monitors file {} reread: no monitor changed", monitors.file());
    } else {
      log.info("Monitors file {} reread: {} monitored resources (added {}, removed {}, changed {})",
          monitors.file(), fresh.size(), added, removed, changed);
    }
  }

  /** A monitor's identity across reloads: the resource at its place in its group. */
  private record Id(String group, int index) {
    static Id of(MonitorSpec s) {
      return new Id(s.group(), s.index());
    }
  }

  private static boolean sameSettings(MonitorSpec a, MonitorSpec b) {
    return a.interval().equals(b.interval()) && a.timeout().equals(b.timeout()) && a.onFail() == b.onFail()
        && a.threshold() == b.threshold() && a.expire().equals(b.expire());
  }

  /**
   * A changed spec of a kept monitor: a waiting check is due one new interval from now; a fail
   * count expires by the new expiry counted from its last failure.
   */
  private void retune(Watched w, MonitorSpec next) {
    w.spec = next;
    if (w.tick != null) {
      cancel(w);
      schedule(w, epochs.getOrDefault(w.group.key(), 0));
    }
    cancelExpiry(w);
    if (w.failCount > 0) {
      long since = Math.max(0, rm.clock.wallMillis() - w.lastFailureMillis);
      armExpiry(w, Duration.ofMillis(Math.max(0, next.expire().toMillis() - since)));
    }
  }

  private void startIfRunning(Watched w) {
    ActionQueue.Entry e = rm.runner.entries().get(w.group.key());
    if (e != null && e.state == GroupState.RUNNING && !rm.shuttingDown) {
      w.state = MonitorState.PENDING;
      schedule(w, epochs.getOrDefault(w.group.key(), 0));
    }
  }

  /** A group state edge (after ActionQueue logged it): start or stop the group's checks. */
  void groupStateChanged(String group, GroupState to) {
    List<Watched> watched = byGroup.get(group);
    if (watched == null) {
      return;
    }
    int epoch = epochs.merge(group, 1, Integer::sum);
    for (Watched w : watched) {
      cancel(w);
      if (to == GroupState.RUNNING) {
        if (w.state != MonitorState.RECOVERING) {
          w.state = MonitorState.PENDING;
        }
        w.failoverPending = false;
        schedule(w, epoch);
      } else if (!(to == GroupState.STARTING && w.state == MonitorState.RECOVERING)) {
        w.state = MonitorState.INACTIVE;
        w.failoverPending = false;
      }
    }
  }

  /** Stops every check (shutdown); fail counts stay for the status page. */
  void stopAll() {
    byGroup.values().forEach(ws -> ws.forEach(this::cancel));
  }

  List<MonitorView> snapshot() {
    List<MonitorView> views = new ArrayList<>();
    byGroup.values().forEach(ws -> ws.forEach(w -> views.add(new MonitorView(w.resource.text(), w.group.key(),
        w.state, w.failCount, w.spec.threshold(), w.spec.onFail(), w.checks, w.lastFailureMillis,
        w.lastFailure))));
    return views;
  }

  private void cancel(Watched w) {
    if (w.tick != null) {
      w.tick.cancel();
      w.tick = null;
    }
    w.checking = false;
  }

  private void schedule(Watched w, int epoch) {
    w.tick = rm.scheduler.schedule(w.spec.interval(), () -> tick(w, epoch));
  }

  private boolean current(Watched w, int epoch) {
    return epochs.getOrDefault(w.group.key(), 0) == epoch && !rm.shuttingDown;
  }

  private void tick(Watched w, int epoch) {
    w.tick = null;
    if (!current(w, epoch)) {
      return;
    }
    if (rm.runner.busy() || rm.nice.standby() != StandbyState.NOT || w.failoverPending) {
      schedule(w, epoch); // the node is moving resources: look again later
      return;
    }
    w.checking = true;
    probe.check(w.resource, w.spec.timeout(), r -> {
      if (!w.checking || !current(w, epoch)) {
        log.debug("monitor result of {} dropped: its group changed meanwhile", w.resource.text());
        return;
      }
      w.checking = false;
      result(w, epoch, r);
    });
  }

  private void result(Watched w, int epoch, MonitorProbe.Result r) {
    w.checks++;
    metrics.checked(w.resource.text(), r.verdict());
    if (r.running()) {
      if (w.state == MonitorState.RECOVERING || w.state == MonitorState.FAILED) {
        log.info("Resource {} monitor: running again (failcount={})", w.resource.text(), w.failCount);
      }
      w.state = MonitorState.OK;
      schedule(w, epoch);
      return;
    }
    w.failCount++;
    w.lastFailureMillis = rm.clock.wallMillis();
    w.lastFailure = r.verdict().text() + " (rc=" + r.rc() + "): " + r.output();
    String line = "Resource " + w.resource.text() + " monitor failed: " + w.lastFailure + " [group "
        + w.group.key() + ", failcount=" + w.failCount + ", threshold=" + w.spec.threshold() + ", on-fail="
        + w.spec.onFail().word() + "]";
    if (r.verdict() == MonitorProbe.Verdict.ERROR) {
      log.error(line);
    } else {
      log.warn(line);
    }
    armExpiry(w);
    if (w.spec.onFail() == OnFail.IGNORE) {
      w.state = MonitorState.FAILED;
      schedule(w, epoch);
    } else if (w.spec.onFail() == OnFail.FAILOVER) {
      failover(w, "Resource " + w.resource.text() + " failed (on-fail=failover)");
    } else if (w.failCount >= w.spec.threshold()) {
      failover(w, "Resource " + w.resource.text() + " reached its failure threshold (failcount=" + w.failCount
          + ", threshold=" + w.spec.threshold() + ")");
    } else {
      restart(w);
    }
  }

  private void cancelExpiry(Watched w) {
    if (w.expiry != null) {
      w.expiry.cancel();
      w.expiry = null;
    }
  }

  private void armExpiry(Watched w) {
    armExpiry(w, w.spec.expire());
  }

  private void armExpiry(Watched w, Duration delay) {
    if (!w.spec.expires()) {
      return;
    }
    cancelExpiry(w);
    w.expiry = rm.scheduler.schedule(delay, () -> {
      w.expiry = null;
      if (w.failCount > 0) {
        log.info("Fail count of resource {} expired (was {}, expire={}ms)", w.resource.text(), w.failCount,
            w.spec.expire().toMillis());
        w.failCount = 0;
      }
    });
  }

  private void restart(Watched w) {
    w.state = MonitorState.RECOVERING;
    log.info("Restarting resource {} of group {} in place (failcount={}, threshold={})", w.resource.text(),
        w.group.key(), w.failCount, w.spec.threshold());
    metrics.recovery(w.resource.text(), "restart");
    rm.restartFrom(w.group, w.spec.index(), "monitor: " + w.resource.text() + " failed", () -> {
      GroupState now = rm.runner.entries().get(w.group.key()).state;
      if (now == GroupState.RUNNING) {
        log.info("Resource {} restarted in place", w.resource.text());
      } else if (now == GroupState.FAILED) {
        log.error("Restart of resource {} failed: group {} is failed here", w.resource.text(), w.group.key());
        failover(w, "Resource " + w.resource.text() + " could not be restarted");
      }
    });
  }

  private void failover(Watched w, String why) {
    w.state = MonitorState.RECOVERING;
    w.failoverPending = true;
    HeldSet set = w.group.preferredNode().equals(rm.me) ? HeldSet.LOCAL : HeldSet.FOREIGN;
    log.warn("{}: failing over [{}] resources (standby)", why, set);
    rm.runner.whenIdle(() -> askStandby(w, set, 1));
  }

  private void askStandby(Watched w, HeldSet set, int attempt) {
    GroupState here = rm.runner.entries().get(w.group.key()).state;
    if (rm.shuttingDown || !w.failoverPending || (here != GroupState.RUNNING && here != GroupState.FAILED)) {
      return; // the group left this node meanwhile
    }
    ControlOutcome o = rm.standby(set.text());
    if (o.accepted()) {
      metrics.recovery(w.resource.text(), "failover");
      // Should the handshake come to nothing (the peer never answers), checking resumes.
      rm.scheduler.schedule(ResourceManager.STANDBY_TIMEOUT.plus(FAILOVER_RETRY), () -> resumeIfStillHere(w));
      return;
    }
    if (rm.niceFailback() && rm.peerAlive() && attempt < FAILOVER_TRIES) {
      rm.scheduler.schedule(FAILOVER_RETRY, () -> rm.runner.whenIdle(() -> askStandby(w, set, attempt + 1)));
      return;
    }
    w.failoverPending = false;
    if (here == GroupState.FAILED) {
      w.state = MonitorState.FAILED;
      log.error("Cannot fail over resource {} ({}): group {} stays failed here", w.resource.text(), o.text(),
          w.group.key());
      return;
    }
    log.error("Cannot fail over resource {} ({}): restarting it in place", w.resource.text(), o.text());
    restart(w);
  }

  private void resumeIfStillHere(Watched w) {
    if (w.failoverPending && rm.runner.entries().get(w.group.key()).state == GroupState.RUNNING
        && rm.nice.standby() == StandbyState.NOT) {
      log.warn("Failover of resource {} did not happen: checking it again", w.resource.text());
      w.failoverPending = false;
      if (w.tick == null && !w.checking) {
        schedule(w, epochs.getOrDefault(w.group.key(), 0));
      }
    }
  }
}
