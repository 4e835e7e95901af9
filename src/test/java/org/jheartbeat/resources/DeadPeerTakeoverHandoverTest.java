package org.jheartbeat.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jheartbeat.config.AutoFailback;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A peer that dies while we hand it groups by hb_standby (FencingSimulationTest seed 1001598,
 * an auto failback): its last report of {@code none} predates its acquisition, so it did not
 * give everything up, and with a device it is reset before we take the groups back.
 */
class DeadPeerTakeoverHandoverTest {
  private final List<Message> sent = new ArrayList<>();
  private final List<String> ran = new ArrayList<>();
  private final List<String> resets = new ArrayList<>();
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.resources");
  private RmSim env;
  private ResourceManager rm;

  private static Message peer(String... kv) {
    return RmSim.from("n2", kv);
  }

  private void advance(double s) {
    env.scheduler.advance(Duration.ofMillis((long) (s * 1000)));
  }

  @Test
  void aPeerDyingWhileItTakesOurGroupsIsResetFirst() {
    env = new RmSim(AutoFailback.OFF, List.of("n1", "n2"), List.of("n1 IPaddr::10.0.0.10", "n2 IPaddr::10.0.0.11"));
    GroupActions agents = env.recordingActions(ran);
    Fencer device = env.device(RmSim.FakeDevice.named("external/test").after(Duration.ofMillis(500))
        .recordingInto(resets));
    rm = new ResourceManager(env.cf("n1"), env.res, agents, device, env.clock, env.scheduler, m -> {
      Message own = m.with("src", "n1");
      sent.add(own);
      rm.onMessage(own);
    }, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), (group, from, to, reason) -> {});
    rm.onNodeStatus("n2", "init", "active");
    rm.onCommUp();
    rm.onMessage(peer("t", "resource", "rsc_hold", "none", "rtype", "full", "isstable", "1"));
    advance(1);
    assertThat(rm.standby("all").accepted()).isTrue();
    rm.onMessage(peer("t", "ask_resources", "rsc_hold", "all", "info", "other"));
    advance(1); // we released everything; n2 is acquiring it and has not said done
    assertThat(rm.snapshot().standby()).isEqualTo(StandbyState.DONE);
    rm.onNodeStatus("n2", "active", "dead");
    advance(1);
    assertThat(logs.lines()).doesNotContain("info: Dead node n2 gave up resources.")
        .containsSubsequence("info: node n2 now reset.", "info: Resources being acquired from n2.");
    assertThat(resets).containsExactly("n2");
  }
}
