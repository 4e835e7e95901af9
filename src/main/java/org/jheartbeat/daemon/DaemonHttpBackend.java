package org.jheartbeat.daemon;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jheartbeat.api.StatusReport;
import org.jheartbeat.api.http.HttpBackend;
import org.jheartbeat.resources.ControlOutcome;
import org.jheartbeat.runtime.EventLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's answers to the HTTP API, each taken on the event loop: the status snapshot, the
 * scrape (after refreshing the state gauges from a snapshot), and standby/takeover through the
 * same ResourceManager calls as the control socket. Runs on the HTTP worker threads.
 */
final class DaemonHttpBackend implements HttpBackend {
  private static final Logger log = LoggerFactory.getLogger("heartbeat");
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);

  private final EventLoop loop;
  private final Callable<StatusReport> snapshot;
  private final Function<String, ControlOutcome> standby;
  private final Function<String, ControlOutcome> takeover;
  private final PrometheusMeterRegistry registry;
  private final StateGauges gauges;

  DaemonHttpBackend(EventLoop loop, Callable<StatusReport> snapshot, Function<String, ControlOutcome> standby,
      Function<String, ControlOutcome> takeover, PrometheusMeterRegistry registry) {
    this.loop = loop;
    this.snapshot = snapshot;
    this.standby = standby;
    this.takeover = takeover;
    this.registry = registry;
    this.gauges = new StateGauges(registry);
  }

  @Override
  public StatusReport status() throws TimeoutException {
    return loop.call(snapshot, CALL_TIMEOUT);
  }

  @Override
  public String metrics() {
    try {
      gauges.update(status());
    } catch (TimeoutException e) {
      log.warn("metrics scrape: event loop did not answer; state gauges not refreshed");
    }
    return registry.scrape();
  }

  @Override
  public ActionResult standby(String set) throws TimeoutException {
    return result(loop.call(() -> {
      log.info("hb_standby {} requested through the HTTP API", set);
      return standby.apply(set);
    }, CALL_TIMEOUT));
  }

  @Override
  public ActionResult takeover(String set) throws TimeoutException {
    return result(loop.call(() -> {
      log.info("Taking over [{}] (HTTP API).", set);
      return takeover.apply(set);
    }, CALL_TIMEOUT));
  }

  private static ActionResult result(ControlOutcome o) {
    return new ActionResult(o.accepted(), o.text());
  }
}
