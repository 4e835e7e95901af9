package org.jheartbeat.resources;

import java.util.function.Consumer;

/**
 * STONITH seam (spec membership §5.6 step 3, §6). The daemon implements it with the configured
 * {@code stonith}/{@code stonith_host} device; {@link #NO_DEVICE} is the case without one. The
 * result is delivered on the event loop.
 */
public interface Fencer {
  /** Whether a STONITH device is configured. */
  boolean configured();

  /** Resets {@code node}; the result is one of the {@code stonith result=} words. */
  void reset(String node, Consumer<Result> done);

  /** {@code result=} values of a {@code stonith} message (spec wire §6.2). */
  enum Result {
    OK("OK"),
    BAD("bad"),
    BADHOST("badhost");

    private final String wire;

    Result(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  /** No device: {@link #configured()} is false and a reset always fails. */
  Fencer NO_DEVICE = new Fencer() {
    @Override
    public boolean configured() {
      return false;
    }

    @Override
    public void reset(String node, Consumer<Result> done) {
      done.accept(Result.BAD);
    }
  };
}
