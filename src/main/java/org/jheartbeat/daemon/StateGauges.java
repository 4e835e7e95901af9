package org.jheartbeat.daemon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.api.StatusReport;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Node, link and resource group states as Prometheus gauges: {@code heartbeat_node_up{node}}
 * (1 when {@code up}, {@code active} or a reachable {@code ping} node), {@code
 * heartbeat_node_status{node,status}} (1 for the current status, 0 for the others), {@code
 * heartbeat_link_up{node,link}} and {@code heartbeat_resource_group_running{group}} (1 when the
 * group runs on this node), {@code heartbeat_monitor_failcount{resource,group}} (the fail count of
 * a monitored resource). Set from the status snapshot taken on the loop just before each
 * scrape, so the gauges and {@code /api/v1/status} never disagree; atomics because scrapes run
 * on HTTP threads.
 */
final class StateGauges {
  private static final String[] NODE_STATES = {"init", "up", "active", "dead", "ping"};

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> values = new ConcurrentHashMap<>();

  StateGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Sets every gauge from a snapshot taken on the loop. */
  void update(StatusReport report) {
    for (ClusterView.Node n : report.nodes()) {
      node(n.name(), n.status());
      n.links().forEach(l -> link(n.name(), l.name(), "up".equals(l.status())));
    }
    report.resources().groups().forEach(g -> group(g.key(), "running".equals(g.state())));
    report.resources().monitors().forEach(m -> gauge("heartbeat.monitor.failcount",
        "failed monitor checks of the resource counting towards its threshold", "resource", m.resource(),
        "group", m.group()).set(m.failCount()));
    report.fencing().peers().forEach(f -> gauge("heartbeat.stonith.blocked",
        "1 while the takeover of the dead node waits for its STONITH reset", "node", f.node())
        .set("resetting".equals(f.phase()) || "failed".equals(f.phase()) ? 1 : 0));
  }

  void node(String node, String status) {
    gauge("heartbeat.node.up", "1 if the node is up or active", "node", node)
        .set("up".equals(status) || "active".equals(status) || "ping".equals(status) ? 1 : 0);
    for (String s : NODE_STATES) {
      gauge("heartbeat.node.status", "1 for the node's current status", "node", node, "status", s)
          .set(s.equals(status) ? 1 : 0);
    }
  }

  void link(String node, String link, boolean up) {
    gauge("heartbeat.link.up", "1 if the heartbeat link to the node is up", "node", node, "link", link)
        .set(up ? 1 : 0);
  }

  void group(String group, boolean running) {
    gauge("heartbeat.resource.group.running", "1 if the resource group runs on this node", "group", group)
        .set(running ? 1 : 0);
  }

  private AtomicInteger gauge(String name, String help, String... tags) {
    String key = name + String.join("\u0000", tags);
    return values.computeIfAbsent(key, k -> {
      AtomicInteger v = new AtomicInteger();
      Gauge.builder(name, v, AtomicInteger::get).description(help).tags(tags).strongReference(true)
          .register(registry);
      return v;
    });
  }
}
