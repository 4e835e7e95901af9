package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MembershipMetricsTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();

  private double gapMs(String node) {
    TimeGauge g = registry.find("heartbeat.heartbeat.gap.max").tag("node", node).timeGauge();
    assertThat(g).as("gap gauge of " + node).isNotNull();
    return g.value(TimeUnit.MILLISECONDS);
  }

  @Test
  void largestGapIsKeptPerNode() {
    MembershipMetrics m = new MembershipMetrics(registry);
    m.heartbeatGap("node2", 700);
    m.heartbeatGap("node2", 300);
    m.heartbeatGap("node3", 200);
    assertThat(gapMs("node2")).isEqualTo(700);
    assertThat(gapMs("node3")).isEqualTo(200);
  }

  /** The daemon builds new metrics on the same registry at every ha.cf restart (SIGHUP). */
  @Test
  void gapGaugeFollowsTheMetricsOfARestartedNode() {
    new MembershipMetrics(registry).heartbeatGap("node2", 700);
    MembershipMetrics restarted = new MembershipMetrics(registry);
    restarted.heartbeatGap("node2", 300);
    assertThat(gapMs("node2")).as("the largest since start carries over the restart").isEqualTo(700);
    restarted.heartbeatGap("node2", 900);
    assertThat(gapMs("node2")).as("a gap seen after the restart").isEqualTo(900);
    assertThat(registry.find("heartbeat.heartbeat.gap.max").timeGauges()).hasSize(1);
  }
}
