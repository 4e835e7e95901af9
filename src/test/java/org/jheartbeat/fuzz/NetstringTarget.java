package org.jheartbeat.fuzz;

import static org.jheartbeat.fuzz.FuzzViolation.require;

import java.util.random.RandomGenerator;
import org.jheartbeat.wire.DecodeResult;
import org.jheartbeat.wire.Message;
import org.jheartbeat.wire.NetstringCodec;

/**
 * NetstringCodec.decode on mutated netstring packets. Besides {@link MessageOracle}: a failure
 * has a reason, and a message that decodes re-encodes to exactly the bytes it came from (the
 * authentication trailer covers those bytes, so a receiver must not normalise them).
 */
final class NetstringTarget implements FuzzTarget<DecodeResult> {
  private final WireInputs inputs;

  NetstringTarget(WireCorpus corpus) {
    inputs = new WireInputs(corpus.netstring(), false);
  }

  @Override
  public String name() {
    return "netstring";
  }

  @Override
  public byte[] generate(RandomGenerator random) {
    return inputs.generate(random);
  }

  @Override
  public DecodeResult parse(byte[] input) {
    return NetstringCodec.decode(input);
  }

  @Override
  public String check(byte[] input, DecodeResult r) {
    if (!r.ok()) {
      require(!r.reason().isEmpty(), () -> "failure without a reason");
      return "rejected";
    }
    Message m = r.message().orElseThrow();
    require(MessageOracle.prefixEquals(input, r.end(), NetstringCodec.encode(m)), () ->
        "encode(decode(bytes)) differs from the " + r.end() + " bytes decoded");
    MessageOracle.check(m, input.length, false);
    return "decoded";
  }

  @Override
  public long allocationBound(int inputLength) {
    return WireAllocation.bound(inputLength);
  }
}
