package org.jheartbeat.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jheartbeat.testkit.AlphaBravoConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitBrainPolicyTest {
  @TempDir
  Path dir;

  private ConfigReport load(String extra) throws Exception {
    return AlphaBravoConfig.load(dir, extra);
  }


  @Test
  void defaultIsSettleOnHeal() throws Exception {
    assertThat(SplitBrainPolicy.of(load("").config().orElseThrow().haCf())).isEqualTo(SplitBrainPolicy.SETTLE_ON_HEAL);
  }

  @Test
  void pingQuorumIsRead() throws Exception {
    HaCf cf = load("ping 10.0.0.254\nsplit_brain_policy ping_quorum\n").config().orElseThrow().haCf();
    assertThat(SplitBrainPolicy.of(cf)).isEqualTo(SplitBrainPolicy.PING_QUORUM);
    assertThat(cf.parameter("split_brain_policy")).contains("ping_quorum");
  }

  @Test
  void anUnknownPolicyIsAClearError() throws Exception {
    ConfigReport r = load("split_brain_policy coin_toss\n");
    assertThat(r.valid()).isFalse();
    assertThat(r.errors()).singleElement().asString()
        .contains("ha.cf:6").contains("'coin_toss' is not one of settle_on_heal, ping_quorum");
  }
}
