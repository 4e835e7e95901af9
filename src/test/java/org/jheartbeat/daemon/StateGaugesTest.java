package org.jheartbeat.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.api.StatusReport;
import org.junit.jupiter.api.Test;

class StateGaugesTest {
  private static StatusReport report(String n2, String link, String group) {
    return report(n2, link, group, 0);
  }

  private static StatusReport report(String n2, String link, String group, int failCount) {
    return new StatusReport("n1", "v", "active", 1,
        List.of(new ClusterView.Node("n1", "normal", "active", List.of(new ClusterView.Link("eth1", "up"))),
            new ClusterView.Node("n2", "normal", n2, List.of(new ClusterView.Link("eth1", link)))),
        new StatusReport.Resources("off", "stable", "all",
            List.of(new StatusReport.Group("g1", "n2", group, "n1", "", "")),
            List.of(new StatusReport.Monitor("httpd", "g1", "ok", failCount, 3, "restart", 5, "", ""))),
        List.of());
  }

  @Test
  void gaugesFollowTheSnapshotsInThePrometheusOutput() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StateGauges gauges = new StateGauges(registry);
    gauges.update(report("active", "up", "stopped"));
    assertThat(registry.scrape()).contains("heartbeat_node_up{node=\"n2\"} 1.0",
        "heartbeat_node_status{node=\"n2\",status=\"active\"} 1.0",
        "heartbeat_link_up{link=\"eth1\",node=\"n2\"} 1.0",
        "heartbeat_resource_group_running{group=\"g1\"} 0.0");
    gauges.update(report("dead", "dead", "running"));
    assertThat(registry.scrape()).contains("heartbeat_node_up{node=\"n2\"} 0.0",
        "heartbeat_node_status{node=\"n2\",status=\"active\"} 0.0",
        "heartbeat_node_status{node=\"n2\",status=\"dead\"} 1.0",
        "heartbeat_link_up{link=\"eth1\",node=\"n2\"} 0.0",
        "heartbeat_resource_group_running{group=\"g1\"} 1.0");
    gauges.update(report("active", "up", "running", 2));
    assertThat(registry.scrape()).contains("heartbeat_monitor_failcount{group=\"g1\",resource=\"httpd\"} 2.0");
  }
}
