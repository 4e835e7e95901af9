package org.jheartbeat.runtime;

/**
 * Time as the cluster logic sees it. Every interval (keepalive, deadtime, retransmission delays)
 * uses {@link #nanoTime()}, which never jumps; {@link #wallMillis()} is only for what goes on the
 * wire or into logs ({@code ts}). Tests drive a manual implementation.
 */
public interface Clock {
  /** Monotonic nanoseconds, arbitrary origin. */
  long nanoTime();

  /** Wall-clock milliseconds since the Unix epoch. */
  long wallMillis();

  /** The JVM's clocks. */
  Clock SYSTEM = new Clock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long wallMillis() {
      return System.currentTimeMillis();
    }
  };
}
