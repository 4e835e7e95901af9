package org.jheartbeat.fuzz;

import static org.jheartbeat.fuzz.FuzzViolation.require;

import java.util.random.RandomGenerator;
import org.jheartbeat.wire.ClassicCodec;
import org.jheartbeat.wire.DecodeResult;

/**
 * ClassicCodec.decode on mutated classic packets (the classic forms of real messages). Besides
 * {@link MessageOracle}: a failure has a reason, and a message that decodes consumed the whole
 * packet.
 */
final class ClassicTarget implements FuzzTarget<DecodeResult> {
  private final WireInputs inputs;

  ClassicTarget(WireCorpus corpus) {
    inputs = new WireInputs(corpus.classic(), true);
  }

  @Override
  public String name() {
    return "classic";
  }

  @Override
  public byte[] generate(RandomGenerator random) {
    return inputs.generate(random);
  }

  @Override
  public DecodeResult parse(byte[] input) {
    return ClassicCodec.decode(input);
  }

  @Override
  public String check(byte[] input, DecodeResult r) {
    if (!r.ok()) {
      require(!r.reason().isEmpty(), () -> "failure without a reason");
      return "rejected";
    }
    require(r.end() == input.length, () -> "decoded up to " + r.end() + " of " + input.length + " bytes");
    MessageOracle.check(r.message().orElseThrow(), input.length, true);
    return "decoded";
  }

  @Override
  public long allocationBound(int inputLength) {
    return WireAllocation.bound(inputLength);
  }
}
