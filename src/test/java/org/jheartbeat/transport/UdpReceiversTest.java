package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jheartbeat.runtime.Clock;
import org.junit.jupiter.api.Test;

/** Attribution of datagrams on a shared port: expected peer, then on-link, then first medium. */
class UdpReceiversTest {
  @Test
  void attributesEachDatagramToExactlyOneMedium() throws Exception {
    int port = LoopbackMediaTest.freePort();
    InetAddress two = InetAddress.getByName("127.0.0.2");
    InetAddress three = InetAddress.getByName("127.0.0.3");
    InetAddress four = InetAddress.getByName("127.0.0.4");
    List<String> got = new CopyOnWriteArrayList<>();
    try (UdpReceivers r = new UdpReceivers()) {
      r.register(port, new UdpReceivers.Route("first", p -> got.add("first<" + src(p)),
          new Counters(Clock.SYSTEM), a -> false, two::equals));
      r.register(port, new UdpReceivers.Route("second", p -> got.add("second<" + src(p)),
          new Counters(Clock.SYSTEM), four::equals, three::equals));
      r.register(port, new UdpReceivers.Route("third", p -> got.add("third<" + src(p)),
          new Counters(Clock.SYSTEM), a -> false, four::equals));
      for (InetAddress from : List.of(two, three, four, InetAddress.getByName("127.0.0.5"))) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(from, 0))) {
          s.send(new DatagramPacket(new byte[] {1}, 1, new InetSocketAddress("127.0.0.1", port)));
        }
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 4);
    }
    assertThat(got).containsExactlyInAnyOrder(
        "first<127.0.0.2",   // on first's link
        "second<127.0.0.3",  // on second's link
        "second<127.0.0.4",  // second expects it: beats third's on-link claim
        "first<127.0.0.5");  // nobody's: the first medium of the port
  }

  private static String src(Packet p) {
    return p.source().getAddress().getHostAddress();
  }
}
