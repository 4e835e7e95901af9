package org.jheartbeat.wire;

/**
 * Protocol limits every decoder enforces before it allocates (spec wire §2.3 and §8): the
 * largest datagram heartbeat accepts is MAXMSG-1 = 262 143 bytes, and nested messages go at
 * most 16 levels deep.
 */
public final class WireLimits {
  /** The largest packet accepted or produced, in bytes. */
  public static final int MAX_PACKET = 262_143;
  /** The deepest nesting of STRUCT fields below the top-level message. */
  public static final int MAX_DEPTH = 16;

  private WireLimits() {}
}
