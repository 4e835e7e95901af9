package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jheartbeat.config.MediumSpec;
import org.jheartbeat.config.PingNode;
import org.junit.jupiter.api.Test;

/** The UDP and ICMP media on real sockets, on loopback only. */
class LoopbackMediaTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  static int freePort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return s.getLocalPort();
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  static List<String> texts(List<Packet> ps) {
    return ps.stream().map(p -> new String(p.data(), StandardCharsets.US_ASCII)).toList();
  }

  @Test
  void twoUcastMediaOnLoopbackExchangePackets() throws Exception {
    int pa = freePort();
    int pb = freePort();
    List<Packet> ina = new CopyOnWriteArrayList<>();
    List<Packet> inb = new CopyOnWriteArrayList<>();
    try (UdpReceivers ra = new UdpReceivers(InetAddress.getLoopbackAddress());
        UdpReceivers rb = new UdpReceivers(InetAddress.getLoopbackAddress());
        UcastMedium a = new UcastMedium("lo", "127.0.0.1", pa, pb, ra);
        UcastMedium b = new UcastMedium("lo", "127.0.0.1", pb, pa, rb)) {
      a.open(ina::add);
      b.open(inb::add);
      assertThat(threadNames()).contains("hb-rx-lo");

      a.send(bytes("from-a"));
      b.send(bytes("from-b"));

      await().atMost(WAIT).until(() -> ina.size() == 1 && inb.size() == 1);
      assertThat(texts(inb)).containsExactly("from-a");
      assertThat(texts(ina)).containsExactly("from-b");
      Packet p = inb.get(0);
      assertThat(p.medium()).isEqualTo("lo");
      assertThat(p.source().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
      assertThat(p.source().getPort()).as("ephemeral send port").isNotIn(pa, pb);
      assertThat(a.stats().packetsSent()).isEqualTo(1);
      assertThat(a.stats().bytesSent()).isEqualTo(6);
      assertThat(b.stats().packetsReceived()).isEqualTo(1);
    }
    await().atMost(WAIT).until(() -> !threadNames().contains("hb-rx-lo"));
  }

  @Test
  void ucastMediaOnOnePortShareOneReceiverAndAttributeByPeer() throws Exception {
    int port = freePort();
    List<Packet> in1 = new CopyOnWriteArrayList<>();
    List<Packet> in2 = new CopyOnWriteArrayList<>();
    try (UdpReceivers r = new UdpReceivers();
        UcastMedium m1 = new UcastMedium(new MediumSpec.Ucast("lo", "127.0.0.2", port), r);
        UcastMedium m2 = new UcastMedium(new MediumSpec.Ucast("lo", "127.0.0.1", port), r)) {
      m1.open(in1::add);
      m2.open(in2::add);
      // m2 sends to 127.0.0.1:port, i.e. to ourselves, from 127.0.0.1: that is m2's peer
      m2.send(bytes("self"));
      await().atMost(WAIT).until(() -> in2.size() == 1);
      assertThat(in1).isEmpty();
      // m1's peer 127.0.0.2 answers: a datagram from 127.0.0.2 belongs to m1
      try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
        peer.send(new java.net.DatagramPacket(bytes("peer"), 4, new InetSocketAddress("127.0.0.1", port)));
      }
      await().atMost(WAIT).until(() -> in1.size() == 1);
      assertThat(texts(in1)).containsExactly("peer");
      assertThat(in2).hasSize(1);
    }
  }

  @Test
  void closedPortCanBeReopened() throws Exception {
    int port = freePort();
    UdpReceivers r = new UdpReceivers();
    UcastMedium m = new UcastMedium(new MediumSpec.Ucast("lo", "127.0.0.1", port), r);
    m.open(p -> { });
    m.close();
    m.close();
    List<Packet> in = new CopyOnWriteArrayList<>();
    try (UcastMedium again = new UcastMedium(new MediumSpec.Ucast("lo", "127.0.0.1", port), r)) {
      again.open(in::add);
      again.send(bytes("x"));
      await().atMost(WAIT).until(() -> in.size() == 1);
    }
    m.send(bytes("after close"));
    assertThat(m.stats().sendErrors()).isEqualTo(1);
  }

  @Test
  void mcastPairOnLoopbackWithLoop() throws Exception {
    NetworkInterface lo = NetworkInterface.getByName("lo");
    int port = freePort();
    MediumSpec.Mcast spec = new MediumSpec.Mcast("lo", "239.77.0.1", port, 1, true);
    List<Packet> in1 = new CopyOnWriteArrayList<>();
    List<Packet> in2 = new CopyOnWriteArrayList<>();
    try (McastMedium m1 = new McastMedium(spec); McastMedium m2 = new McastMedium(spec)) {
      m1.open(in1::add);
      m2.open(in2::add);
      m1.send(bytes("hello group"));
      await().atMost(WAIT).until(() -> in1.size() == 1 && in2.size() == 1);
      assertThat(texts(in2)).containsExactly("hello group");
      assertThat(in1.get(0).medium()).isEqualTo("lo");
    }
    assertThat(lo).isNotNull();
  }

  // loop=0 cannot be observed on lo: a datagram transmitted on the loopback interface is by
  // definition received on it again, whatever IP_MULTICAST_LOOP says. The namespace IT checks it
  // over a veth link instead.

  @Test
  void bcastRefusesAnInterfaceWithoutBroadcastAddress() {
    try (BcastMedium m = new BcastMedium(new MediumSpec.Bcast("lo", 694), new UdpReceivers())) {
      assertThatThrownBy(() -> m.open(p -> { }))
          .hasMessageContaining("bcast lo")
          .hasMessageContaining("no IPv4 broadcast address")
          .hasMessageContaining("brd +");
    }
  }

  @Test
  void unknownInterfaceIsNamed() {
    try (BcastMedium m = new BcastMedium(new MediumSpec.Bcast("jhb-nosuch0", 694), new UdpReceivers())) {
      assertThatThrownBy(() -> m.open(p -> { })).hasMessageContaining("no such network interface jhb-nosuch0");
    }
  }

  @Test
  void pingLoopbackEchoesThePayload() {
    org.junit.jupiter.api.Assumptions.assumeTrue(isRoot(), "raw ICMP needs root");
    List<Packet> in = new CopyOnWriteArrayList<>();
    try (PingMedium m = new PingMedium(new PingNode("127.0.0.1", List.of("127.0.0.1"), false, 1))) {
      m.open(in::add);
      m.send(bytes("t=NS_st st=ping 1"));
      m.send(bytes("t=NS_st st=ping 2"));
      await().atMost(WAIT).until(() -> in.size() == 2);
      assertThat(texts(in)).containsExactly("t=NS_st st=ping 1", "t=NS_st st=ping 2");
      assertThat(in.get(0).medium()).isEqualTo("127.0.0.1");
      assertThat(m.stats().packetsSent()).isEqualTo(2);
    }
  }

  static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
  }
}
