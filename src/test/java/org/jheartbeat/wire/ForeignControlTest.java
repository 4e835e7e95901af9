package org.jheartbeat.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.jheartbeat.config.AuthKey;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.AuthMethod;
import org.junit.jupiter.api.Test;

class ForeignControlTest {
  private static final Authenticator AUTH = new Authenticator(new AuthKeys(Path.of("authkeys"), 1, 1,
      Map.of(1, new AuthKey(1, AuthMethod.SHA1, Optional.of("k"), 2))));

  private static Message ack(String dest) {
    return Message.builder().add("t", "NS_ackmsg").add("dest", dest).add("ackseq", "2a")
        .add(Field.binary("destuuid", new byte[16])).add("src", "node1")
        .add(Field.binary("srcuuid", new byte[16])).add("hg", "5f5e100").add("ts", "65a5a5a5").build();
  }

  private static Message withExtra(Message m, Field extra) {
    java.util.List<Field> fields = new java.util.ArrayList<>(m.fields());
    fields.add(extra);
    return Message.of(fields);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void anAckForAnotherNodeIsRecognisedInBothFormats() {
    for (Authenticator.MsgFormat format : Authenticator.MsgFormat.values()) {
      byte[] packet = AUTH.sign(ack("node2"), format);
      assertThat(ForeignControl.isForAnother(packet, "node3")).as(format.name()).isTrue();
      assertThat(ForeignControl.isForAnother(packet, "node2")).as(format.name()).isFalse();
      assertThat(ForeignControl.isForAnother(packet, "NODE2")).as(format.name()).isFalse();
    }
  }

  @Test
  void retransmissionRequestsAndNaksForAnotherNodeAreRecognised() {
    Message rexmit = Message.builder().add("t", "NS_rexmit").add("dest", "node2").add("firstseq", "311")
        .add("lastseq", "311").add("src", "node1").add("ts", "65a5a5a5").build();
    Message nak = Message.builder().add("t", "NS_nak_rexmit").add("firstseq", "137").add("dest", "node2")
        .add("info", "seqno too low").add("src", "node1").add("ts", "65a5a5a5").build();
    for (Message m : new Message[] {rexmit, nak}) {
      for (Authenticator.MsgFormat format : Authenticator.MsgFormat.values()) {
        byte[] packet = AUTH.sign(m, format);
        assertThat(ForeignControl.isForAnother(packet, "node3")).as(m.type() + " " + format).isTrue();
        assertThat(ForeignControl.isForAnother(packet, "node2")).as(m.type() + " " + format).isFalse();
      }
    }
  }

  @Test
  void theRealDaemonsAckFromTheSpecVectorsIsRecognised() {
    byte[] real = bytes("###\n14:(0)t=NS_ackmsg,13:(0)dest=alpha,11:(0)ackseq=6,28:(1)destuuid="
        + "\u00b2\u00b9\"\u009c\u00fa\u0015N\u00c3\u0092\u000e\u00d9\u009f\u00d3\u000c\u00ff\u001a,12:(0)src=alpha,"
        + "27:(1)srcuuid=\u00b2\u00b9\"\u009c\u00fa\u0015N\u00c3\u0092\u000e\u00d9\u009f\u00d3\u000c\u00ff\u001a,"
        + "14:(0)hg=6b05a9a1,14:(0)ts=6b05a9a3,8:(0)ttl=3,50:(0)auth=1 32943a32bd91a55c8c79d7228ded12712f40135b,"
        + "%%%\n42:1 7696db09c697cad85ad2af689deb3f93583a53fd,");
    assertThat(ForeignControl.isForAnother(real, "bravo")).isTrue();
    assertThat(ForeignControl.isForAnother(real, "alpha")).isFalse();
  }

  @Test
  void everythingElseTakesTheNormalPath() {
    Message status = Message.builder().add("t", "status").add("st", "active").add("src", "node1")
        .add("seq", "2a").add("ts", "1").build();
    Message rexmit = ack("node2").without("t").with("t", "NS_rexmitx");
    Message undirected = ack("node2").without("dest");
    Message twoTypes = withExtra(ack("node2"), Field.string("t", "status"));
    Message twoDests = withExtra(ack("node2"), Field.string("dest", "node3"));
    for (Message m : new Message[] {status, rexmit, undirected, twoTypes, twoDests}) {
      assertThat(ForeignControl.isForAnother(AUTH.sign(m, Authenticator.MsgFormat.NETSTRING), "node3")).as(m.toString()).isFalse();
      assertThat(ForeignControl.isForAnother(AUTH.sign(m, Authenticator.MsgFormat.CLASSIC), "node3")).as(m.toString()).isFalse();
    }
    assertThat(ForeignControl.isForAnother(bytes("###\n14:(0)t=NS_ackmsg,99:(0)dest=node2,%%%\n"), "node3")).isFalse();
    assertThat(ForeignControl.isForAnother(bytes(">>>\nt=NS_ackmsg\ndest=node2\n"), "node3")).isFalse();
    assertThat(ForeignControl.isForAnother(bytes("hello"), "node3")).isFalse();
    assertThat(ForeignControl.isForAnother(new byte[0], "node3")).isFalse();
    assertThat(ForeignControl.isForAnother(null, "node3")).isFalse();
  }

  /** Seeded random truncations and byte flips of a foreign ACK: never an exception. */
  @Test
  void mangledPacketsNeverThrow() {
    Random random = new Random(7);
    byte[] good = AUTH.sign(ack("node2"), Authenticator.MsgFormat.NETSTRING);
    for (int i = 0; i < 2_000; i++) {
      byte[] p = java.util.Arrays.copyOf(good, random.nextInt(good.length + 1));
      for (int flips = random.nextInt(4); flips > 0 && p.length > 0; flips--) {
        p[random.nextInt(p.length)] = (byte) random.nextInt(256);
      }
      ForeignControl.isForAnother(p, "node3");
    }
    assertThat(ForeignControl.isForAnother(good, "node3")).isTrue();
  }
}
