package org.jheartbeat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jheartbeat.api.ClusterView;
import org.jheartbeat.api.StatusReport;
import org.junit.jupiter.api.Test;

/** {@code jheartbeat status}: the monitored resources follow the groups, only when there are any. */
class StatusTableMonitorsTest {
  private static StatusReport report(List<StatusReport.Monitor> monitors) {
    return new StatusReport("n1", "v", "active", 1,
        List.of(new ClusterView.Node("n1", "normal", "active", List.of())),
        new StatusReport.Resources("off", "stable", "all",
            List.of(new StatusReport.Group("IPaddr::10.0.0.10", "n1", "running", "n1", "", "")), monitors),
        List.of());
  }

  @Test
  void monitoredResourcesAreListedAfterTheGroups() {
    String out = StatusTable.render(report(List.of(
        new StatusReport.Monitor("httpd", "IPaddr::10.0.0.10", "ok", 1, 3, "restart", 9, "2026-12-02T10:00:00Z",
            "not running (rc=3): httpd is stopped"),
        new StatusReport.Monitor("IPaddr::10.0.0.10", "IPaddr::10.0.0.10", "pending", 0, 3, "failover", 0, "", ""))));
    assertThat(out).endsWith("""

        Monitored resource  Group              Monitor  Fails  On-fail   Last failure
        httpd               IPaddr::10.0.0.10  ok       1/3    restart   2026-12-02T10:00:00Z not running (rc=3): httpd is stopped
        IPaddr::10.0.0.10   IPaddr::10.0.0.10  pending  0/3    failover  -
        """);
  }

  @Test
  void withoutMonitorsNoTable() {
    StatusReport r = new StatusReport("n1", "v", "active", 1, List.of(),
        new StatusReport.Resources("off", "stable", "all", List.of()), List.of());
    assertThat(r.resources().monitors()).isEmpty();
    assertThat(StatusTable.render(r)).doesNotContain("Monitored resource");
  }
}
