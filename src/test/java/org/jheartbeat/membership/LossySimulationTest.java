package org.jheartbeat.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.jheartbeat.testkit.LogCapture;
import org.jheartbeat.wire.Message;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three engines under seeded 20 % loss, 5 % duplication and 0–30 ms jitter (reordering): the
 * cluster comes up, every application message sent after comm up is delivered exactly once to every peer, and once
 * the network heals nothing is left missing and no retransmission timer is left armed. The seed
 * is in the test name, so a failure can be replayed.
 */
class LossySimulationTest {
  private static final List<String> THREE = List.of("n1", "n2", "n3");
  @RegisterExtension
  final LogCapture logs = LogCapture.perTest("org.jheartbeat.membership");

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 200);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void lossyThreeNodeClusterDeliversEverythingExactlyOnce(long seed) {
    SimCluster sim = new SimCluster(seed);
    for (String n : THREE) {
      sim.add(n, TestConfigs.cf(n, THREE), 1);
    }
    sim.loss = 0.2;
    sim.duplicate = 0.05;
    sim.jitterMs = 30;
    THREE.forEach(sim::start);
    // what a node sent before a peer first heard from it cannot be known to be missing (the
    // peer starts tracking at the first seq it sees), so application traffic starts after comm up
    for (int s = 0; s < 10 && !THREE.stream().allMatch(n -> sim.get(n).commUp()); s++) {
      sim.advance(Duration.ofSeconds(1));
    }
    for (String node : THREE) {
      assertThat(sim.get(node).commUp()).as("%s comm up under loss", node).isTrue();
    }
    int count = 60;
    for (int i = 1; i <= count; i++) {
      for (String n : THREE) {
        sim.send(n, Message.builder().add("t", "app").add("n", Integer.toString(i)).build());
      }
      sim.advance(Duration.ofMillis(150));
    }
    sim.loss = 0;
    sim.duplicate = 0;
    sim.advance(Duration.ofSeconds(5));

    for (String node : THREE) {
      assertThat(sim.get(node).localStatus()).as("%s status", node).isEqualTo(NodeStatus.ACTIVE);
      for (String other : THREE) {
        if (other.equals(node)) {
          continue;
        }
        Set<Integer> got = new TreeSet<>();
        sim.delivered.get(node).stream()
            .filter(m -> m.type().equals("app") && m.get("src").orElseThrow().equals(other))
            .forEach(m -> assertThat(got.add(Integer.parseInt(m.get("n").orElseThrow())))
                .as("%s got %s from %s once", node, m.get("n").orElseThrow(), other).isTrue());
        assertThat(got).as("%s from %s", node, other).hasSize(count);
        assertThat(sim.get(node).missingFrom(other)).isEmpty();
        assertThat(sim.get(node).snapshot().node(other).status()).isEqualTo(NodeStatus.ACTIVE);
      }
      assertThat(sim.get(node).pendingRexmitTimers()).isZero();
    }
    assertThat(logs.lines()).noneMatch(l -> l.contains("is dead") || l.contains("Irretrievably")
        || l.contains("replay") || l.contains("bad node"));
  }
}
