package org.jheartbeat.resources;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of resource monitoring: {@code heartbeat.monitor.checks} (tags {@code resource},
 * {@code result} = running, not_running, error), {@code heartbeat.monitor.failures} (checks that
 * did not say running) and {@code heartbeat.monitor.recoveries} (tag {@code action} = restart or
 * failover, counted when the action is under way). The fail counts themselves are gauges set from
 * the status snapshot ({@code heartbeat.monitor.failcount}).
 */
final class MonitorMetrics {
  private final MeterRegistry registry;

  MonitorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void checked(String resource, MonitorProbe.Verdict verdict) {
    Counter.builder("heartbeat.monitor.checks").description("resource monitor checks by result")
        .tags("resource", resource, "result", verdict.name().toLowerCase(java.util.Locale.ROOT))
        .register(registry).increment();
    if (verdict != MonitorProbe.Verdict.RUNNING) {
      Counter.builder("heartbeat.monitor.failures").description("resource monitor checks that failed")
          .tag("resource", resource).register(registry).increment();
    }
  }

  void recovery(String resource, String action) {
    Counter.builder("heartbeat.monitor.recoveries").description("recoveries started after failed monitor checks")
        .tags("resource", resource, "action", action).register(registry).increment();
  }
}
