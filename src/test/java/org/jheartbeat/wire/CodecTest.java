package org.jheartbeat.wire;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Netstring and classic rules of spec §2.1/§2.2 beyond what the vectors cover. */
class CodecTest {
  private static byte[] b(String s) {
    return s.getBytes(ISO_8859_1);
  }

  private static String s(byte[] b) {
    return new String(b, ISO_8859_1);
  }

  private static Message nest(int levels) {
    Message m = Message.builder().add("leaf", "x\ny").build();
    for (int i = 0; i < levels; i++) {
      m = Message.builder().add("d", Integer.toString(i)).add(Field.struct("c", FieldType.STRUCT, m)).build();
    }
    return m;
  }

  @Test
  void netstringEncodesEveryTypeWithItsDigit() {
    Message m = Message.builder()
        .add("t", "a\nb")
        .add(Field.binary("bin", new byte[] {0, (byte) 0xff}))
        .add(Field.list("l", List.of("a", "bc")))
        .add(Field.struct("s", FieldType.STRUCT, Message.builder().add("n", "v").build()))
        .add(Field.raw("z", FieldType.COMPRESSED, new byte[] {1}))
        .add("e", "")
        .build();
    byte[] wire = NetstringCodec.encode(m);
    assertThat(s(wire)).isEqualTo("###\n8:(0)t=a\nb,9:(1)bin=\u0000\u00ff,14:(3)l=1:a,2:bc,,"
        + "22:(2)s=###\n6:(0)n=v,%%%\n,6:(4)z=\u0001,5:(0)e=,%%%\n");
    DecodeResult r = NetstringCodec.decode(wire);
    assertThat(r.message()).contains(m);
    assertThat(r.end()).isEqualTo(wire.length);
  }

  @Test
  void nestingIsLimitedToSixteenLevels() {
    byte[] sixteen = NetstringCodec.encode(nest(16));
    assertThat(NetstringCodec.decode(sixteen).message()).contains(nest(16));
    assertThatThrownBy(() -> NetstringCodec.encode(nest(17))).isInstanceOf(IllegalArgumentException.class);
    // Build 17 levels by hand: wrap the 16-level encoding once more.
    String inner = s(sixteen);
    String payload = "(2)c=" + inner;
    byte[] seventeen = b("###\n" + payload.length() + ":" + payload + ",%%%\n");
    assertThat(NetstringCodec.decode(seventeen).reason()).contains("nest deeper than 16");
  }

  @Test
  void netstringDecoderRefusesMalformedInputWithAReason() {
    assertThat(NetstringCodec.decode(b("##\n")).reason()).contains("no ### start marker");
    assertThat(NetstringCodec.decode(b("###\n")).reason()).contains("expected a netstring length");
    assertThat(NetstringCodec.decode(b("###\n07:(0)a=b,%%%\n")).reason()).contains("leading zero");
    assertThat(NetstringCodec.decode(b("###\n99999999999999999999:(0)a=b,%%%\n")).reason())
        .contains("exceeds the data");
    assertThat(NetstringCodec.decode(b("###\n6:(0)a=b;%%%\n")).reason()).contains("not terminated");
    assertThat(NetstringCodec.decode(b("###\n6:[0]a=b,%%%\n")).reason()).contains("(type) prefix");
    assertThat(NetstringCodec.decode(b("###\n6:(7)a=b,%%%\n")).reason()).contains("unknown field type");
    assertThat(NetstringCodec.decode(b("###\n6:(0)=ab,%%%\n")).reason()).contains("empty name");
    assertThat(NetstringCodec.decode(b("###\n6:(0)abc,%%%\n")).reason()).contains("without '='");
    assertThat(NetstringCodec.decode(b("###\n7:(3)l=0:,,%%%\n")).reason()).contains("list");
    assertThat(NetstringCodec.decode(b("###\n11:(2)s=###\nxx,%%%\n")).ok()).isFalse();
    assertThat(NetstringCodec.decode(new byte[WireLimits.MAX_PACKET + 1]).reason()).contains("exceeds");
  }

  @Test
  void classicRendersNestedMessagesWithDepthBytes() {
    assertThat(ClassicCodec.depthByte(0)).isEqualTo((byte) 0x14);
    assertThat(ClassicCodec.depthByte(11)).isEqualTo((byte) 0x1F);
    assertThat(ClassicCodec.depthByte(12)).isEqualTo((byte) 0x0F);
    assertThat(ClassicCodec.depthByte(15)).isEqualTo((byte) 0x12);
    Message m = nest(2);
    String text = s(ClassicCodec.encode(m));
    assertThat(text).isEqualTo(">>>\nd=1\n(2)c=>>>\u0014d=0\u0014(2)c=>>>\u0015leaf=x\u0013y\u0015<<<\u0015"
        + "\u0014<<<\u0014\n<<<\n");
    assertThat(ClassicCodec.decode(b(text)).message()).contains(m);
    assertThat(ClassicCodec.decode(ClassicCodec.encode(nest(16))).message()).contains(nest(16));
  }

  @Test
  void classicTypesAndAuthText() {
    Message m = Message.builder().add("t", "x").add(Field.binary("u", new byte[16]))
        .add(Field.list("l", List.of("a"))).add("auth", "1 ab").add("z", "1").build();
    assertThat(s(ClassicCodec.encode(m)))
        .isEqualTo(">>>\nt=x\n(1)u=AAAAAAAAAAAAAAAAAAAAAA==\n(3)l=1:a,\nauth=1 ab\nz=1\n<<<\n");
    assertThat(s(ClassicCodec.authText(m))).isEqualTo("t=x\n(1)u=AAAAAAAAAAAAAAAAAAAAAA==\n(3)l=1:a,\nz=1\n");
    assertThatThrownBy(() -> ClassicCodec.encode(Message.builder().add("e", "").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void classicDecoderRules() {
    assertThat(ClassicCodec.decode(b(">>>\n\nt=x\n\n<<<\n\u0000")).message())
        .contains(Message.builder().add("t", "x").build());
    assertThat(ClassicCodec.decode(b("x>>>\nt=x\n<<<\n")).ok()).isFalse();
    assertThat(ClassicCodec.decode(b(">>>\n(0)t=x\n<<<\n")).reason()).contains("(0) prefix");
    assertThat(ClassicCodec.decode(b(">>>\nt=\n<<<\n")).reason()).contains("empty value");
    assertThat(ClassicCodec.decode(b(">>>\nt=x\n")).reason()).contains("no <<< end marker");
    assertThat(ClassicCodec.decode(b(">>>\nt=x\n<<<\nzz")).reason()).contains("after the <<<");
    assertThat(ClassicCodec.decode(b(">>>\n(1)u=!!\n<<<\n")).reason()).contains("base64");
    assertThat(ClassicCodec.decode(b(">>>\n(5)u=a\n<<<\n")).reason()).contains("no classic form");
  }

  /**
   * Found by the fuzzer (a netstring LIST whose element holds a newline): classic text cannot
   * carry these messages faithfully, so encode refuses them instead of writing text that decodes
   * to something else; the inner auth text is still rendered as the real daemon renders it.
   */
  @Test
  void classicEncodeRefusesWhatItCannotCarry() {
    Message listWithNewline = Message.builder().add(Field.raw("l", FieldType.LIST, b("3:a\nb,"))).build();
    Message[] unfaithful = {
        listWithNewline,
        Message.builder().add("a\nb", "v").build(),
        Message.builder().add("(1)x", "v").build(),
        Message.builder().add("t", "a\u0013b").build(),
        Message.builder().add(Field.struct("s", FieldType.STRUCT, Message.builder().add("t", "a\u0014b").build())).build(),
    };
    for (Message m : unfaithful) {
      assertThatThrownBy(() -> ClassicCodec.encode(m)).as("%s", m)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no classic form");
    }
    assertThat(s(ClassicCodec.authText(listWithNewline))).isEqualTo("(3)l=3:a\nb,\n");
    Message deeper = Message.builder().add(Field.struct("s", FieldType.STRUCT, Message.builder().add("t", "a\u0015b").build())).build();
    assertThat(ClassicCodec.decode(ClassicCodec.encode(deeper)).message()).contains(deeper);
  }
}
