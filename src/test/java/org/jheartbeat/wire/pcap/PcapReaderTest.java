package org.jheartbeat.wire.pcap;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jheartbeat.wire.Shared;
import org.junit.jupiter.api.Test;

/** pcap parsing on hand-built files: byte orders, timestamp units, link types, bad frames. */
class PcapReaderTest {
  private static final byte[] UDP_PAYLOAD = "###\n%%%\n".getBytes(ISO_8859_1);

  /** An IPv4 packet 10.0.0.1 -> 10.0.0.2 with the given protocol, flags/fragment and body. */
  private static byte[] ipv4(int protocol, int flagsFragment, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(20 + body.length);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + body.length)).putShort((short) 1)
        .putShort((short) flagsFragment).put((byte) 64).put((byte) protocol).putShort((short) 0)
        .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2}).put(body);
    return b.array();
  }

  private static byte[] udp(int src, int dst, byte[] payload) {
    ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
    b.putShort((short) src).putShort((short) dst).putShort((short) (8 + payload.length))
        .putShort((short) 0).put(payload);
    return b.array();
  }

  private static byte[] icmp(int type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8 + data.length);
    b.put((byte) type).put((byte) 0).putShort((short) 0).putInt(0x1234).put(data);
    return b.array();
  }

  private static byte[] ethernet(byte[] ip) {
    ByteBuffer b = ByteBuffer.allocate(14 + ip.length);
    b.put(new byte[12]).putShort((short) 0x0800).put(ip);
    return b.array();
  }

  private static byte[] pcap(ByteOrder order, int magic, int linkType, long[] times, byte[]... frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(24).order(order);
    h.putInt(magic).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
        .putInt(linkType);
    out.writeBytes(h.array());
    for (int i = 0; i < frames.length; i++) {
      ByteBuffer r = ByteBuffer.allocate(16).order(order);
      r.putInt((int) times[0]).putInt((int) times[1]).putInt(frames[i].length).putInt(frames[i].length);
      out.writeBytes(r.array());
      out.writeBytes(frames[i]);
    }
    return out.toByteArray();
  }

  @Test
  void readsBothByteOrdersAndTimestampUnits() {
    byte[] frame = ethernet(ipv4(17, 0x4000, udp(694, 694, UDP_PAYLOAD)));
    for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
      List<CapturedPayload> micro = PcapReader.read(pcap(order, 0xA1B2C3D4, 1, new long[] {100, 5}, frame));
      assertThat(micro).singleElement().satisfies(p -> {
        assertThat(p.epochSecond()).isEqualTo(100);
        assertThat(p.nanos()).isEqualTo(5000);
        assertThat(p.source()).hasToString("10.0.0.1:694");
        assertThat(p.destination()).hasToString("10.0.0.2:694");
        assertThat(p.payload()).isEqualTo(UDP_PAYLOAD);
        assertThat(p.frame()).isEqualTo(1);
      });
      List<CapturedPayload> nano = PcapReader.read(pcap(order, 0xA1B23C4D, 1, new long[] {100, 5}, frame));
      assertThat(nano).singleElement().satisfies(p -> assertThat(p.nanos()).isEqualTo(5));
    }
  }

  @Test
  void readsLinuxCookedCaptures() {
    byte[] ip = ipv4(17, 0, udp(1000, 694, UDP_PAYLOAD));
    byte[] sll = ByteBuffer.allocate(16 + ip.length).put(new byte[14]).putShort((short) 0x0800).put(ip).array();
    byte[] sll2 = ByteBuffer.allocate(20 + ip.length).putShort((short) 0x0800).put(new byte[18]).put(ip).array();
    long[] t = {1, 0};
    assertThat(PcapReader.read(pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 113, t, sll))).hasSize(1);
    assertThat(PcapReader.read(pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 276, t, sll2))).hasSize(1);
    assertThat(PcapReader.read(pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 101, t, ip))).hasSize(1);
  }

  @Test
  void yieldsIcmpEchoDataAndSkipsFragmentsAndJunk() {
    long[] t = {1, 0};
    byte[] file = pcap(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1, t,
        ethernet(ipv4(1, 0, icmp(8, UDP_PAYLOAD))),
        ethernet(ipv4(1, 0, icmp(0, UDP_PAYLOAD))),
        ethernet(ipv4(1, 0, icmp(3, UDP_PAYLOAD))),
        ethernet(ipv4(17, 0x2000, udp(694, 694, UDP_PAYLOAD))),
        ethernet(ipv4(17, 0x0010, udp(694, 694, UDP_PAYLOAD))),
        Arrays.copyOf(ethernet(ipv4(17, 0, udp(694, 694, UDP_PAYLOAD))), 30),
        new byte[3],
        ethernet(ipv4(6, 0, UDP_PAYLOAD)));
    List<CapturedPayload> all = PcapReader.read(file);
    assertThat(all).extracting(CapturedPayload::medium).containsExactly(
        CapturedPayload.Medium.ICMP_ECHO_REQUEST, CapturedPayload.Medium.ICMP_ECHO_REPLY);
    assertThat(all).extracting(CapturedPayload::frame).containsExactly(1, 2);
    assertThat(all.get(0).payload()).isEqualTo(UDP_PAYLOAD);
    assertThat(all.get(0).source()).hasToString("10.0.0.1");
  }

  @Test
  void neverThrowsOnGarbageOrTruncation() throws Exception {
    byte[] real = Shared.read(Shared.vectors().resolve("pcaps/cap11-ping-ipfail.pcap"));
    int full = PcapReader.read(real).size();
    assertThat(full).isGreaterThan(600);
    for (int cut = 0; cut < 2000; cut++) {
      PcapReader.read(Arrays.copyOf(real, cut));
    }
    assertThat(PcapReader.read(Arrays.copyOf(real, real.length - 1))).hasSize(full - 1);
    Random random = new Random(42);
    for (int i = 0; i < 2000; i++) {
      byte[] b = Arrays.copyOf(real, 25 + random.nextInt(3000));
      for (int k = 0; k < 5; k++) {
        b[24 + random.nextInt(b.length - 24)] = (byte) random.nextInt(256);
      }
      PcapReader.read(b);
    }
    assertThat(PcapReader.isPcap(new byte[24])).isFalse();
    assertThat(PcapReader.read("not a pcap".getBytes(ISO_8859_1))).isEmpty();
  }
}
