package org.jheartbeat.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.List;
import org.jheartbeat.config.PingNode;
import org.junit.jupiter.api.Test;

/** The receive filter of {@link PingMedium} without a raw socket. */
class PingMediumFilterTest {
  private static final long PID = 0x1_57fa;

  @Test
  void groupCountsTheFirstReplyPerSequenceFromAnyOfItsHosts() throws Exception {
    PingMedium m = new PingMedium(new PingNode("routers", List.of("10.0.0.1", "10.0.0.2"), true, 1), PID);
    m.hostsForTest(List.of(v4("10.0.0.1"), v4("10.0.0.2")));
    byte[] seq5 = IcmpTest.reply(0x57fa, 5, 0x45, ByteOrder.nativeOrder());
    byte[] seq6 = IcmpTest.reply(0x57fa, 6, 0x45, ByteOrder.nativeOrder());

    var first = m.accept(seq5, seq5.length, v4("10.0.0.1"), 42);
    assertThat(first).isPresent();
    assertThat(first.get().medium()).isEqualTo("routers");
    assertThat(first.get().source().getAddress()).isEqualTo(v4("10.0.0.1"));
    assertThat(first.get().receivedNanos()).isEqualTo(42);
    assertThat(m.accept(seq5, seq5.length, v4("10.0.0.2"), 43)).as("same seq from the other host").isEmpty();
    assertThat(m.accept(seq6, seq6.length, v4("10.0.0.2"), 44)).isPresent();
    assertThat(m.accept(seq6, seq6.length, v4("10.0.0.3"), 45)).as("not in the group").isEmpty();
    assertThat(m.stats().packetsReceived()).isEqualTo(2);
    assertThat(m.stats().receiveErrors()).isEqualTo(1);
  }

  @Test
  void plainPingAcceptsOnlyItsHostAndIdentifier() throws Exception {
    PingMedium m = new PingMedium(new PingNode("10.0.0.1", List.of("10.0.0.1"), false, 1), PID);
    m.hostsForTest(List.of(v4("10.0.0.1")));
    byte[] ours = IcmpTest.reply(0x57fa, 1, 0x45, ByteOrder.nativeOrder());
    byte[] theirs = IcmpTest.reply(0x1234, 1, 0x45, ByteOrder.nativeOrder());
    assertThat(m.type()).isEqualTo("ping");
    assertThat(m.name()).isEqualTo("10.0.0.1");
    assertThat(m.accept(ours, ours.length, v4("10.0.0.1"), 1)).isPresent();
    assertThat(m.accept(ours, ours.length, v4("10.0.0.1"), 1)).as("no window for plain ping").isPresent();
    assertThat(m.accept(theirs, theirs.length, v4("10.0.0.1"), 1)).isEmpty();
    assertThat(m.accept(ours, ours.length, v4("10.0.0.9"), 1)).isEmpty();
  }

  @Test
  void sendBeforeOpenIsCountedNotThrown() {
    PingMedium m = new PingMedium(new PingNode("10.0.0.1", List.of("10.0.0.1"), false, 1), PID);
    m.send(new byte[] {1});
    assertThat(m.stats().sendErrors()).isEqualTo(1);
    assertThat(m.identifier()).isEqualTo(0x57fa);
  }

  static Inet4Address v4(String s) throws Exception {
    return (Inet4Address) InetAddress.getByName(s);
  }
}
