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
 * Cost per message of authentication with each authkeys method (crc, md5, sha1): signing a status
 * heartbeat into a whole packet as the daemon sends it, and verifying a received packet as a
 * receive thread does (format detection, decoding, token check). Average time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AuthBenchmark {
  @Param({"crc", "md5", "sha1"})
  public String method;

  private Message status;
  private Authenticator auth;
  private byte[] signedClassic;
  private byte[] signedNetstring;

  @Setup
  public void setUp() {
    status = CodecBenchmark.status();
    AuthMethod m = AuthMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT));
    AuthKey key = new AuthKey(1, m, m.needsKey() ? Optional.of("a secret of the cluster") : Optional.empty(), 2);
    auth = new Authenticator(new AuthKeys(Path.of("authkeys"), 1, 1, Map.of(1, key)));
    signedClassic = auth.sign(status, Authenticator.MsgFormat.CLASSIC);
    signedNetstring = auth.sign(status, Authenticator.MsgFormat.NETSTRING);
    if (!auth.verify(signedClassic).ok() || !auth.verify(signedNetstring).ok()) {
      throw new IllegalStateException("the benchmark's own packets do not verify");
    }
  }

  /** Inner auth field over the classic text, netstring encoding, trailer: {@code msgfmt classic} (the default). */
  @Benchmark
  public byte[] signClassic() {
    return auth.sign(status, Authenticator.MsgFormat.CLASSIC);
  }

  /** Netstring encoding and trailer only: {@code msgfmt netstring}. */
  @Benchmark
  public byte[] signNetstring() {
    return auth.sign(status, Authenticator.MsgFormat.NETSTRING);
  }

  /** A received {@code msgfmt netstring} packet: detect, decode, check the trailer. */
  @Benchmark
  public VerifyResult verifyNetstringPacket() {
    return auth.verify(signedNetstring);
  }

  /** A received {@code msgfmt classic} packet (inner auth field as well). */
  @Benchmark
  public VerifyResult verifyClassicPacket() {
    return auth.verify(signedClassic);
  }
}
