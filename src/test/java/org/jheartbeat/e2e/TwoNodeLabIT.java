package org.jheartbeat.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.jheartbeat.e2e.TwoNodeLab.Slot;
import org.jheartbeat.testkit.Netns;
import org.junit.jupiter.api.Test;

/**
 * The lab's topology and fault primitives without any daemon: addresses and broadcast addresses,
 * the ping node, switch ports down/up, and the nftables drop rules (matched by switch port and
 * UDP port, counted). Root only; uses its own namespace prefix {@code jhb-e2l-}.
 */
class TwoNodeLabIT {
  private static final Duration T = Duration.ofSeconds(10);

  @Test
  void topologyAndFaults() {
    assumeTrue(Netns.usable(), "needs root and iproute2");
    TwoNodeLab theLab = new TwoNodeLab("jhb-e2l-", true, true, 694);
    try (TwoNodeLab lab = theLab) {
      String n1 = lab.ns(Slot.N1);
      String n2 = lab.ns(Slot.N2);
      assertThat(lab.net().run(n1, T, "ip", "-4", "addr", "show", "eth1").stdout())
          .contains("inet 192.168.144.128/24 brd 192.168.144.255");
      assertThat(lab.net().run(n2, T, "ip", "link", "show", "eth0").stdout()).contains("02:00:c0:a8:15:0c");
      assertThat(ping(lab, n1, Slot.N2.heartbeatIp())).isTrue();
      assertThat(ping(lab, n2, TwoNodeLab.PING_NODE_IP)).isTrue();
      assertThat(ping(lab, lab.clientNs(), Slot.N1.publicIp())).isTrue();

      lab.cutLinks(Slot.N1);
      assertThat(ping(lab, n2, Slot.N1.heartbeatIp())).as("n1 cut off").isFalse();
      assertThat(ping(lab, n2, TwoNodeLab.PING_NODE_IP)).as("n2 unaffected").isTrue();
      lab.restoreLinks(Slot.N1);
      assertThat(ping(lab, n2, Slot.N1.heartbeatIp())).as("n1 back").isTrue();

      // One-way: what n1 sends to UDP 694 is dropped (and counted); n2's frames match no rule.
      lab.asymmetricDrop(Slot.N1);
      for (int i = 0; i < 3; i++) {
        udp(lab, n1, Slot.N2.heartbeatIp());
        udp(lab, n2, Slot.N1.heartbeatIp());
      }
      assertThat(lab.dropCounters()).containsEntry("iifname \"n1-eth1\"", 3L).containsEntry("iifname \"n1-eth0\"", 0L);
      assertThat(ping(lab, n2, Slot.N1.heartbeatIp())).as("only UDP 694 is dropped").isTrue();
      lab.clearLoss();
      assertThat(lab.dropCounters()).isEmpty();

      // 100 % "loss" on n2's port catches frames in both directions.
      lab.loss(Slot.N2, 100);
      udp(lab, n1, Slot.N2.heartbeatIp());
      udp(lab, n2, Slot.N1.heartbeatIp());
      assertThat(lab.dropCounters()).containsEntry("oifname \"n2-eth1\"", 1L).containsEntry("iifname \"n2-eth1\"", 1L);
      lab.clearLoss();
    }
    assertThat(Netns.list()).noneMatch(ns -> ns.startsWith("jhb-e2l-"));
    assertThat(theLab.leftoverProcesses()).isEmpty();
  }

  private static boolean ping(TwoNodeLab lab, String ns, String ip) {
    return lab.net().run(ns, T, "ping", "-c1", "-W1", ip).exit() == 0;
  }

  /** One UDP datagram to {@code ip}:694 through bash's /dev/udp (no extra tools needed). */
  private static void udp(TwoNodeLab lab, String ns, String ip) {
    lab.net().run(ns, T, "bash", "-c", "echo probe >/dev/udp/" + ip + "/694").requireSuccess("udp to " + ip);
  }
}
