package org.jheartbeat.jmh;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jheartbeat.config.AuthKey;
import org.jheartbeat.config.AuthKeys;
import org.jheartbeat.config.AuthMethod;
import org.jheartbeat.wire.Authenticator;
import org.jheartbeat.wire.ClassicCodec;
import org.jheartbeat.wire.DecodeResult;
import org.jheartbeat.wire.Field;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.NetstringCodec;
import org.jheartbeat.wire.VerifyResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per message of encoding and decoding a status heartbeat in both wire formats (classic
 * text, netstring). The message is a real status heartbeat as Heartbeat 3.0.6 sends it (fields
 * and sizes of the captures in the specification's test vectors). Average time per operation;
 * every result is returned so that the JIT cannot drop the work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private Message status;
  private byte[] classic;
  private byte[] netstring;

  static Message status() {
    return Message.builder()
        .add("t", "status").add("st", "active").add("dt", "fa").add("protocol", "1").add("src", "alpha")
        .add(Field.binary("srcuuid", HexFormat.of().parseHex("b2b9229cfa154ec3920ed99fd30cff1a")))
        .add("seq", "2f3a").add("hg", "6b05a9a1").add("ts", "6b05a9a0").add("ld", "0.30 0.17 0.07 2/95 8815")
        .add("ttl", "3").build();
  }

  @Setup
  public void setUp() {
    status = status();
    classic = ClassicCodec.encode(status);
    netstring = NetstringCodec.encode(status);
  }

  @Benchmark
  public byte[] encodeClassic() {
    return ClassicCodec.encode(status);
  }

  @Benchmark
  public byte[] encodeNetstring() {
    return NetstringCodec.encode(status);
  }

  @Benchmark
  public DecodeResult decodeClassic() {
    return ClassicCodec.decode(classic);
  }

  @Benchmark
  public DecodeResult decodeNetstring() {
    return NetstringCodec.decode(netstring);
  }
}
