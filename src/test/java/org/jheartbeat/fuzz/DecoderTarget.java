package org.jheartbeat.fuzz;

import static org.jheartbeat.fuzz.FuzzViolation.require;

import java.util.random.RandomGenerator;
import org.jheartbeat.wire.DecodeResult;
import org.jheartbeat.wire.Encoding;
import org.jheartbeat.wire.PacketDecoder;
import org.jheartbeat.wire.VerifyResult;

/**
 * What a receive thread does with a datagram: PacketDecoder.decode, then Authenticator.verify
 * with the spec keys (sha1 active, and md5 active), on mutated packets of both encodings. Besides
 * {@link MessageOracle}: every failure has a reason, verify agrees with the decoder about the
 * message, and a packet that verifies decoded.
 */
final class DecoderTarget implements FuzzTarget<DecoderTarget.Received> {
  /** The decoder's and both authenticators' verdicts on one packet. */
  record Received(DecodeResult decoded, VerifyResult sha1, VerifyResult md5) {}

  private final WireInputs inputs;

  DecoderTarget(WireCorpus corpus) {
    inputs = new WireInputs(corpus.all(), false);
  }

  @Override
  public String name() {
    return "decoder";
  }

  @Override
  public byte[] generate(RandomGenerator random) {
    return inputs.generate(random);
  }

  @Override
  public Received parse(byte[] input) {
    return new Received(PacketDecoder.decode(input), MessageOracle.SHA1.verify(input),
        MessageOracle.MD5.verify(input));
  }

  @Override
  public String check(byte[] input, Received r) {
    for (VerifyResult v : new VerifyResult[] {r.sha1(), r.md5()}) {
      require(v.ok() == v.reason().isEmpty(), () -> "verify ok=" + v.ok() + " with reason '" + v.reason() + "'");
      require(v.message().equals(r.decoded().message()), () ->
          "verify saw " + v.message() + " where the decoder saw " + r.decoded().message());
    }
    if (!r.decoded().ok()) {
      require(!r.decoded().reason().isEmpty(), () -> "failure without a reason");
      return "rejected";
    }
    MessageOracle.check(r.decoded().message().orElseThrow(), input.length,
        Encoding.detect(input).orElseThrow() == Encoding.CLASSIC);
    return r.sha1().ok() || r.md5().ok() ? "verified" : "decoded";
  }

  @Override
  public long allocationBound(int inputLength) {
    return 3 * WireAllocation.bound(inputLength);
  }
}
